import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { pledgeBody, TestApp } from './support/test-app';

/** An error nobody expected: the caller gets a 500 problem, and the log an error line to find it by. */
describe('an unexpected error', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({}, undefined, { captureLogs: true });
  });
  afterAll(() => api.stop());

  it('is answered 500 and logged with the correlation id of the request that met it', async () => {
    const acme = await api.registerOrganisation();
    // The event store's file is gone from under the app.
    await api.app.get<EventStore>(EVENT_STORE).close();
    const response = await api.post('/v1/pledges', {
      key: acme.apiKey,
      body: pledgeBody(),
      headers: { 'x-correlation-id': 'trace-500' },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const lines = api.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        context: 'http',
        correlationId: 'trace-500',
        msg: expect.stringContaining('not open'),
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'request', correlationId: 'trace-500', status: 500 }),
    );
  });
});

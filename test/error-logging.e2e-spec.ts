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

  it('is told from a 5xx given on purpose, which is a warning without a stack', async () => {
    // A position the log will not reach within the wait: 503 with Retry-After, as api.md has it.
    const response = await api.get('/v1/registry/pledges?minPosition=900000000', {
      headers: { 'x-correlation-id': 'trace-503' },
    });
    expect(response.status).toBe(503);
    const lines = api.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['correlationId'] === 'trace-503');
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        context: 'http',
        msg: 'The read models have not reached position 900000000 yet; retry shortly',
      }),
    );
    expect(lines.filter((line) => line['level'] === 50)).toEqual([]);
  });
});

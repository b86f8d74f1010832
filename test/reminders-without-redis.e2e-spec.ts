import { CLOSED_PORT } from './support/redis-server';
import { eventually } from './support/reminders';
import { ADMIN_KEY, expectProblem, TestApp } from './support/test-app';

// A file of its own: Nest's logger is process-wide, and an app started earlier in the same file
// would still hold it while this one connects (and warns).
describe('without Redis', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start(
      { REDIS_URL: `redis://127.0.0.1:${CLOSED_PORT}`, RUN_WORKER: 'true' },
      undefined,
      { captureLogs: true },
    );
  });
  afterAll(() => api.stop());

  it('still serves everything else, and /health reports reminders down and how to start Redis', async () => {
    const pledge = await api.signedPledge();
    const read = await api.get(`/v1/pledges/${pledge.pledgeId}`, { key: pledge.apiKey });
    expect(read.status).toBe(200);
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      degraded: ['reminders'],
      details: {
        eventStore: { status: 'up' },
        reminders: { status: 'down', message: expect.stringContaining('redis-server') },
      },
    });
    // The log says so, once, and how to start Redis.
    const warnings = await eventually(() => {
      const found = api.logs.filter((line) => line.includes('is not reachable'));
      return found.length > 0 && found;
    }, 'the warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('redis-server --daemonize yes');
    const retry = await api.post('/v1/admin/deliveries/nothing/webhook/retry', { key: ADMIN_KEY });
    expectProblem(retry, 404);
  });
});

import { CLOSED_PORT } from './support/redis-server';
import { TestApp } from './support/test-app';

describe('health', () => {
  it('answers liveness and readiness, and reports the read store', async () => {
    const api = await TestApp.start();
    try {
      expect((await api.get('/health/live')).body).toEqual({ status: 'ok' });
      const ready = await api.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.details).toMatchObject({
        eventStore: { status: 'up' },
        readStore: { status: 'up' },
        projections: { status: 'up' },
        reminders: { status: 'up' },
      });
    } finally {
      await api.stop();
    }
  });

  it('is 503 in the Terminus shape, naming the event store, when KurrentDB cannot be reached', async () => {
    const api = await TestApp.start({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: `kurrentdb://127.0.0.1:${CLOSED_PORT}?tls=false`,
      EVENT_STORE_LIVENESS_TIMEOUT: 'PT1S',
    });
    try {
      const health = await api.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: 'error',
        error: { eventStore: { status: 'down' }, projections: { status: 'down' } },
      });
      // Unreachable for longer than EVENT_STORE_LIVENESS_TIMEOUT: liveness fails too, so an
      // orchestrator restarts the process.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await api.get('/health');
      const live = await api.get('/health/live');
      expect(live.status).toBe(503);
      expect(live.body).toMatchObject({
        status: 'error',
        error: { eventStore: { status: 'down', unreachableSince: expect.any(String) } },
      });
    } finally {
      await api.stop();
    }
  });
});

import { freePort } from './support/redis-server';
import { TestApp } from './support/test-app';

describe('health', () => {
  it('is 503 in the Terminus shape, naming the event store, when KurrentDB cannot be reached', async () => {
    const api = await TestApp.start({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: `kurrentdb://127.0.0.1:${await freePort()}?tls=false`,
    });
    try {
      const health = await api.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: 'error',
        error: { eventStore: { status: 'down' }, projections: { status: 'down' } },
      });
    } finally {
      await api.stop();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { eventually } from './support/reminders';
import { TestApp } from './support/test-app';

jest.setTimeout(60_000);

/**
 * Two processes configured with PROJECTOR_LEASE=redis and the same lease: one projects, the other
 * stands by, and takes over within seconds once the first is gone.
 */
describe('projector lease', () => {
  it('runs one projector at a time and hands over to the standby', async () => {
    const shared = {
      PROJECTOR_LEASE: 'redis',
      PROJECTOR_LEASE_TTL: 'PT1S',
      REMINDER_QUEUE_PREFIX: `lease-${randomUUID()}`,
    };
    const first = await TestApp.start(shared);
    const projectionLag = async (api: TestApp) => {
      const health = await api.get('/health');
      return health.body.details.projections.registry.lag as number;
    };
    await eventually(async () => (await first.get('/health')).status === 200, 'the leader');
    const second = await TestApp.start(shared);
    try {
      // Events written through the standby are not projected by it while the leader holds the lease.
      await second.signedPledge();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await projectionLag(second)).toBeGreaterThan(0);

      await first.stop();
      const caughtUp = Date.now();
      await eventually(async () => (await projectionLag(second)) === 0, 'the standby to project');
      expect(Date.now() - caughtUp).toBeLessThan(5000);
    } finally {
      await second.stop();
    }
  });
});

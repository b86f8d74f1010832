import { TestRedis } from './support/redis-server';
import { eventually, FAST_REPORTING, promptsOf } from './support/reminders';
import { TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(90_000);

/**
 * Two deployments with the default settings on one Redis: each names its Redis keys after its own
 * identity (kept in its event store), so neither worker takes the other's jobs.
 */
describe('two deployments sharing a Redis with the default key prefix', () => {
  let redis: TestRedis;
  let receiver: WebhookReceiver;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
    receiver = await WebhookReceiver.start();
    for (let i = 0; i < 2; i++)
      apps.push(
        await TestApp.start({
          ...FAST_REPORTING,
          REDIS_URL: redis.url,
          RUN_WORKER: 'true',
          // Unset: the deployment's own prefix.
          REMINDER_QUEUE_PREFIX: '',
        }),
      );
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await receiver.stop();
    await redis.stop();
  });

  it('each receives every prompt of its own pledges, once', async () => {
    const pledges = await Promise.all(
      apps.map((app, i) => app.signedPledge({ webhookUrl: `${receiver.url}/deployment-${i}` })),
    );
    for (const [i, app] of apps.entries()) {
      const prompts = await eventually(async () => {
        const recorded = (await promptsOf(app, pledges[i]!.pledgeId)).filter(
          (e) => e.data['cycle'] === 1,
        );
        return recorded.length === 4 && recorded;
      }, `the four prompts of deployment ${i}`);
      await eventually(
        () => receiver.acknowledged(`/deployment-${i}`).size === 4,
        `the deliveries of deployment ${i}`,
      );
      expect([...receiver.acknowledged(`/deployment-${i}`).keys()].sort()).toEqual(
        prompts.map((e) => e.data['promptId']).sort(),
      );
    }
    // Two prefixes in Redis, one per deployment, neither the shared default of old.
    const keys = (await redis.command('KEYS', '*:reminders:meta')) as string[];
    const prefixes = new Set(keys.map((key) => key.split(':')[0]));
    expect(prefixes.size).toBe(2);
    for (const prefix of prefixes) expect(prefix).toMatch(/^pact-[0-9a-f]{16}$/);
  });
});

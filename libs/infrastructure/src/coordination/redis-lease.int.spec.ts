import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Leadership, RedisLease } from './redis-lease';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const TTL = 600;

const connect = () => {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  return redis;
};

/** A contender for the lease whose work is a flag: elected sets it, deposed clears it. */
function contender(key: string, name: string) {
  const redis = connect();
  const state = { name, working: false, elections: 0, redis };
  const leadership = new Leadership(new RedisLease(redis, key, name, TTL), {
    onElected: () => {
      state.working = true;
      state.elections++;
      return Promise.resolve();
    },
    onDeposed: () => {
      state.working = false;
      return Promise.resolve();
    },
  });
  return Object.assign(state, { leadership });
}

const until = async (condition: () => boolean, timeoutMs: number) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - start;
};

describe('Redis lease and leadership (real Redis)', () => {
  const opened: ReturnType<typeof contender>[] = [];
  afterEach(async () => {
    for (const c of opened.splice(0)) {
      await c.leadership.stop();
      c.redis.disconnect();
    }
  });
  const join = (key: string, name: string) => {
    const c = contender(key, name);
    opened.push(c);
    c.leadership.start();
    return c;
  };

  it('lets one of two contenders work, and the standby take over within seconds when it dies', async () => {
    const key = `lease-${randomUUID()}`;
    const a = join(key, 'a');
    const b = join(key, 'b');
    await until(() => a.working || b.working, 2000);
    await new Promise((resolve) => setTimeout(resolve, TTL));
    expect([a.working, b.working].filter(Boolean)).toHaveLength(1);
    const [leader, standby] = a.working ? [a, b] : [b, a];

    // The leader loses Redis, as if its process died: it cannot renew, and must stop working.
    leader.redis.disconnect();
    const takeover = await until(() => standby.working, 3 * TTL);
    expect(leader.working).toBe(false);
    expect(takeover).toBeLessThan(2 * TTL + 200);
  });

  it('hands over at once when the leader stops gracefully', async () => {
    const key = `lease-${randomUUID()}`;
    const a = join(key, 'a');
    await until(() => a.working, 2000);
    const b = join(key, 'b');
    await new Promise((resolve) => setTimeout(resolve, TTL / 2));
    expect(b.working).toBe(false);
    await a.leadership.stop();
    expect(a.working).toBe(false);
    // The lease was released: the standby's next attempt (a third of the TTL) wins it.
    const takeover = await until(() => b.working, TTL);
    expect(takeover).toBeLessThan(TTL / 3 + 150);
    expect(await new RedisLease(b.redis, key, 'x', TTL).holder()).toBe('b');
  });
});

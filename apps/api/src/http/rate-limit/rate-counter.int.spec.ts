import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { leaseSize, MemoryRateCounter, RedisRateCounter, type WindowCount } from './rate-counter';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Mid-window, so no test straddles the end of a minute. */
const NOW = Date.UTC(2026, 10, 30, 12, 0, 30);

describe('RedisRateCounter on Redis', () => {
  const prefix = `rate-spec-${randomUUID()}`;
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const replicas: RedisRateCounter[] = [];
  const replica = async () => {
    const counter = await RedisRateCounter.connect(REDIS_URL, prefix);
    replicas.push(counter);
    return counter;
  };
  /** What Redis holds for a bucket's window: the last number any replica has taken. */
  const taken = async (bucket: string) =>
    Number(await redis.get(`${prefix}:rate:${bucket}:${Math.floor(NOW / MINUTE)}`));

  afterAll(async () => {
    for (const counter of replicas) counter.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('takes numbers from Redis a lease at a time and gives them out without asking again', async () => {
    const counter = await replica();
    const limit = 600; // a lease of 6
    expect(leaseSize(limit)).toBe(6);
    const first = await counter.hit('key:a', MINUTE, NOW, limit);
    expect(first).toEqual({ count: 1, resetAt: NOW - 30_000 + MINUTE });
    expect(await taken('key:a')).toBe(6);
    for (let i = 2; i <= 6; i++)
      expect((await counter.hit('key:a', MINUTE, NOW, limit)).count).toBe(i);
    expect(await taken('key:a')).toBe(6);
    expect((await counter.hit('key:a', MINUTE, NOW, limit)).count).toBe(7);
    expect(await taken('key:a')).toBe(12);
  });

  it('gives concurrent hits distinct numbers from one lease', async () => {
    const counter = await replica();
    const counts = await Promise.all(
      Array.from({ length: 5 }, () => counter.hit('key:b', MINUTE, NOW, 500)),
    );
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(await taken('key:b')).toBe(5);
  });

  it('never allows more than the limit across replicas, and refuses past it without asking Redis', async () => {
    const replicasOfOneApi = [await replica(), await replica(), await replica()];
    const limit = 1_000; // a lease of 10
    const counts: WindowCount[] = [];
    const hits = async (from: RedisRateCounter[], times: number) => {
      for (let i = 0; i < times; i++)
        counts.push(await from[i % from.length]!.hit('key:c', MINUTE, NOW, limit));
    };
    await hits(replicasOfOneApi, 600);
    // Each replica spends the numbers under the limit it holds, then asks Redis once more and
    // learns that every number up to the limit is taken.
    for (const counter of replicasOfOneApi) {
      do await hits([counter], 1);
      while (counts.at(-1)!.count <= limit);
    }
    const spent = await taken('key:c');
    expect(spent).toBeGreaterThanOrEqual(limit);
    const before = counts.length;
    await hits(replicasOfOneApi, 90);
    expect(counts.slice(before).every(({ count }) => count > limit)).toBe(true);
    expect(await taken('key:c')).toBe(spent);
    // Each allowed hit had a number of its own, and every number up to the limit was given out.
    const numbers = counts.map(({ count }) => count).filter((n) => n <= limit);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.length).toBe(limit);
  });

  it('is exact under a limit of 200, where each lease is one number: the hits take turns', async () => {
    const [a, b] = [await replica(), await replica()];
    const counts: WindowCount[] = [];
    for (let i = 0; i < 8; i++) counts.push(await [a, b][i % 2]!.hit('key:d', MINUTE, NOW, 5));
    expect(counts.slice(0, 5).map((c) => c.count)).toEqual([1, 2, 3, 4, 5]);
    expect(counts.slice(5).every((c) => c.count > 5)).toBe(true);
  });

  it('counts a new window from one, and keeps windows of different lengths apart', async () => {
    const counter = await replica();
    await counter.hit('key:e', MINUTE, NOW, 5);
    expect((await counter.hit('key:e', MINUTE, NOW + MINUTE, 5)).count).toBe(1);
    expect((await counter.hit('register:e', HOUR, NOW, 5)).count).toBe(1);
    expect((await counter.hit('register:e', HOUR, NOW + MINUTE, 5)).count).toBe(2);
  });

  it('falls back to counting in memory while Redis is unreachable', async () => {
    // A client that has not connected, as while Redis is away.
    const counter = new RedisRateCounter(new IORedis(REDIS_URL, { lazyConnect: true }), prefix);
    replicas.push(counter);
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push((await counter.hit('key:f', MINUTE, NOW, 600)).count);
    expect(counts).toEqual([1, 2, 3]);
  });
});

describe('MemoryRateCounter', () => {
  it("keeps an hour's window while it sweeps ended minutes", async () => {
    const counter = new MemoryRateCounter();
    await counter.hit('register:x', HOUR, NOW);
    // Enough one-minute buckets, a minute later, to make it sweep the windows that have ended.
    for (let i = 0; i < 10_001; i++) await counter.hit(`ip:${i}`, MINUTE, NOW);
    await counter.hit('ip:sweep', MINUTE, NOW + MINUTE);
    expect((await counter.hit('register:x', HOUR, NOW + MINUTE)).count).toBe(2);
  });
});

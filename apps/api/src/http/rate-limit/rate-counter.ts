import IORedis, { type Redis } from 'ioredis';

export interface WindowCount {
  readonly count: number;
  /** Epoch ms at which the window ends. */
  readonly resetAt: number;
}

/**
 * Counts hits per bucket in fixed windows. Each hit gets a number of its own in its window: it is
 * allowed when that number is at most the limit.
 */
export interface RateCounter {
  hit(bucket: string, windowMs: number, now: number, limit: number): Promise<WindowCount>;
  close(): void;
}

/** This process's memory: the fallback when Redis is not there. */
export class MemoryRateCounter implements RateCounter {
  private readonly windows = new Map<string, { resetAt: number; count: number }>();

  hit(bucket: string, windowMs: number, now: number): Promise<WindowCount> {
    const resetAt = (Math.floor(now / windowMs) + 1) * windowMs;
    // Windows of every length are kept here (a minute's, an hour's): each ends at its own time.
    if (this.windows.size > 10_000) {
      for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    }
    const current = this.windows.get(bucket);
    const window = current?.resetAt === resetAt ? current : { resetAt, count: 0 };
    window.count += 1;
    this.windows.set(bucket, window);
    return Promise.resolve({ count: window.count, resetAt });
  }

  close(): void {
    this.windows.clear();
  }
}

/** Takes the next `size` numbers of a window; the key expires with the window after next. */
const LEASE = `local last = redis.call('incrby', KEYS[1], ARGV[2])
if last == tonumber(ARGV[2]) then redis.call('pexpire', KEYS[1], ARGV[1]) end
return last`;

/** How many numbers a replica takes at once: a hundredth of the limit, one under a limit of 200. */
export const leaseSize = (limit: number) => Math.max(1, Math.floor(limit / 100));

/** The numbers of a window this process has taken from Redis and not yet given to a hit. */
interface Lease {
  readonly resetAt: number;
  next: number;
  readonly last: number;
}

/**
 * Counts in Redis, so every api replica sees the same windows; falls back to memory while Redis is
 * unreachable rather than refusing or waiting.
 *
 * A replica takes a window's numbers from Redis in leases (`INCRBY` by a hundredth of the limit)
 * and gives them to its hits one by one, so a caller that keeps coming back costs a round trip per
 * lease, not per request; concurrent hits wait for the same lease. Once the numbers up to the limit
 * are all taken, further hits in the window are refused here without asking Redis. Never more than
 * the limit is allowed across replicas; a replica's unspent lease can refuse a caller on another
 * one early, by at most a lease per replica (exact under a limit of 200, where a lease is one).
 */
export class RedisRateCounter implements RateCounter {
  private readonly fallback = new MemoryRateCounter();
  private readonly leases = new Map<string, Lease>();
  private readonly leasing = new Map<string, Promise<void>>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Connects, waiting a moment for Redis so the first requests are counted where the rest are. */
  static async connect(url: string, prefix: string, waitMs = 2000): Promise<RedisRateCounter> {
    const redis = new IORedis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return new RedisRateCounter(redis, prefix);
  }

  async hit(bucket: string, windowMs: number, now: number, limit: number): Promise<WindowCount> {
    const index = Math.floor(now / windowMs);
    const resetAt = (index + 1) * windowMs;
    const window = `${bucket}:${index}`;
    for (;;) {
      const lease = this.leases.get(window);
      // Numbers left in the lease, or every number up to the limit already taken.
      if (lease && (lease.next <= lease.last || lease.last >= limit))
        return { count: lease.next++, resetAt };
      if (this.redis.status !== 'ready') return this.fallback.hit(bucket, windowMs, now);
      try {
        await this.lease(window, now, resetAt, windowMs, leaseSize(limit));
      } catch {
        return this.fallback.hit(bucket, windowMs, now);
      }
    }
  }

  /** Takes the window's next lease, or waits for the one already asked for. */
  private lease(
    window: string,
    now: number,
    resetAt: number,
    windowMs: number,
    size: number,
  ): Promise<void> {
    const asked = this.leasing.get(window);
    if (asked) return asked;
    const taking = this.redis
      .eval(LEASE, 1, `${this.prefix}:rate:${window}`, windowMs * 2, size)
      .then((last) => {
        if (this.leases.size > 10_000) {
          for (const [key, old] of this.leases) if (old.resetAt <= now) this.leases.delete(key);
        }
        this.leases.set(window, { resetAt, next: Number(last) - size + 1, last: Number(last) });
      })
      .finally(() => this.leasing.delete(window));
    this.leasing.set(window, taking);
    return taking;
  }

  close(): void {
    this.redis.disconnect();
  }
}

import IORedis, { type Redis } from 'ioredis';

export interface WindowCount {
  readonly count: number;
  /** Epoch ms at which the window ends. */
  readonly resetAt: number;
}

/** Counts hits per bucket in fixed windows. */
export interface RateCounter {
  hit(bucket: string, windowMs: number, now: number): Promise<WindowCount>;
  close(): void;
}

/** This process's memory: the fallback when Redis is not there. */
export class MemoryRateCounter implements RateCounter {
  private readonly windows = new Map<string, { index: number; count: number }>();

  hit(bucket: string, windowMs: number, now: number): Promise<WindowCount> {
    const index = Math.floor(now / windowMs);
    if (this.windows.size > 10_000) {
      for (const [key, window] of this.windows) if (window.index < index) this.windows.delete(key);
    }
    const current = this.windows.get(bucket);
    const window = current?.index === index ? current : { index, count: 0 };
    window.count += 1;
    this.windows.set(bucket, window);
    return Promise.resolve({ count: window.count, resetAt: (index + 1) * windowMs });
  }

  close(): void {
    this.windows.clear();
  }
}

const HIT = `local count = redis.call('incr', KEYS[1])
if count == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end
return count`;

/**
 * Counts in Redis, so every api replica sees the same windows; falls back to memory while Redis is
 * unreachable rather than refusing or waiting.
 */
export class RedisRateCounter implements RateCounter {
  private readonly fallback = new MemoryRateCounter();

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

  async hit(bucket: string, windowMs: number, now: number): Promise<WindowCount> {
    if (this.redis.status !== 'ready') return this.fallback.hit(bucket, windowMs, now);
    const index = Math.floor(now / windowMs);
    try {
      const count = Number(
        await this.redis.eval(HIT, 1, `${this.prefix}:rate:${bucket}:${index}`, windowMs * 2),
      );
      return { count, resetAt: (index + 1) * windowMs };
    } catch {
      return this.fallback.hit(bucket, windowMs, now);
    }
  }

  close(): void {
    this.redis.disconnect();
  }
}

import IORedis, { type Redis } from 'ioredis';

export interface ConnectionEvents {
  readonly onDown: (reason: string) => void;
  readonly onUp: () => void;
}

/**
 * A Redis connection as BullMQ wants it (`maxRetriesPerRequest: null`: commands wait for Redis to
 * come back rather than fail), that reports each outage once instead of on every reconnect attempt.
 */
export function openRedis(url: string, events: ConnectionEvents): Redis {
  const redis = new IORedis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    events.onDown(error.message || error.name);
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    events.onUp();
  });
  return redis;
}

/** True when Redis answers a PING within the timeout. */
export async function pingRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([redis.ping().then((answer) => answer === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Closes a connection politely, or drops it when Redis is not there to say goodbye to. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}

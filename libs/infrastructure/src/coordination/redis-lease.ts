import type { Redis } from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A lease in Redis: one owner at a time, for `ttlMs` unless renewed. An owner that dies simply
 * stops renewing, and the lease is free again when its time runs out.
 */
export class RedisLease {
  constructor(
    private readonly redis: Redis,
    readonly key: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  /** Takes the lease if it is free (or already ours, which renews it). */
  async acquire(): Promise<boolean> {
    const taken = await this.redis.set(this.key, this.owner, 'PX', this.ttlMs, 'NX');
    return taken === 'OK' || this.renew();
  }

  /** False when the lease is no longer ours: it expired and someone else may hold it. */
  async renew(): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key, this.owner, this.ttlMs)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.owner);
  }

  async holder(): Promise<string | null> {
    return this.redis.get(this.key);
  }
}

export interface LeadershipCallbacks {
  /** The lease was won: start the work only one process may do. */
  readonly onElected: () => Promise<void>;
  /** The lease was lost (or is being given up): stop that work. */
  readonly onDeposed: () => Promise<void>;
  readonly log?: (message: string) => void;
}

/**
 * Holds a lease for as long as it can: tries to take it every third of its time to live, renews it
 * while held, and hands over when it cannot renew. A hot standby is a second process doing the same.
 */
export class Leadership {
  private timer?: NodeJS.Timeout;
  private leading = false;
  private tick: Promise<void> = Promise.resolve();

  constructor(
    private readonly lease: RedisLease,
    private readonly callbacks: LeadershipCallbacks,
  ) {}

  get isLeading(): boolean {
    return this.leading;
  }

  start(): void {
    const every = Math.max(50, Math.floor(this.lease.ttlMs / 3));
    const run = () => {
      this.tick = this.tick.then(() => this.step());
    };
    run();
    this.timer = setInterval(run, every);
  }

  /** Stops the work and gives the lease up at once, so a standby need not wait for it to expire. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.tick;
    if (this.leading) {
      this.leading = false;
      await this.callbacks.onDeposed();
      await this.lease.release().catch(() => undefined);
    }
  }

  private async step(): Promise<void> {
    try {
      if (this.leading) {
        if (await this.lease.renew()) return;
        this.leading = false;
        this.callbacks.log?.(`Lost the lease ${this.lease.key}; standing by`);
        await this.callbacks.onDeposed();
        return;
      }
      if (!(await this.lease.acquire())) return;
      this.leading = true;
      this.callbacks.log?.(`Holding the lease ${this.lease.key} as ${this.lease.owner}`);
      await this.callbacks.onElected();
    } catch (error) {
      // Redis unreachable: a leader cannot prove it still leads, so it stops.
      this.callbacks.log?.(`Lease ${this.lease.key}: ${String(error)}`);
      if (this.leading) {
        this.leading = false;
        await this.callbacks.onDeposed();
      }
    }
  }
}

import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DeliveryChannel } from '../delivery/delivery-log';
import { DELIVERIES_QUEUE, REMINDERS_QUEUE, type ReminderJob } from '../scheduling/reminder-jobs';
import { closeRedis, openRedis, pingRedis, type ConnectionEvents } from './redis-connection';

export interface DeliveryJob {
  readonly promptId: string;
  readonly channel: DeliveryChannel;
}

export interface ReminderQueuesOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  /** Delivery retries: attempts in all, and the first backoff delay (doubling each time). */
  readonly deliveryAttempts: number;
  readonly deliveryRetryDelayMs: number;
  readonly events: ConnectionEvents;
}

export interface QueueDepth {
  readonly waiting: number;
  readonly delayed: number;
  readonly active: number;
  readonly failed: number;
}

const REMINDER_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  // Redis is not the record of what was sent (the event store is), so finished jobs need not stay.
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 10000, age: 30 * 24 * 3600 },
};

/** The two BullMQ queues, as a producer sees them: the api enqueues, the worker consumes. */
export class ReminderQueues {
  readonly reminders: Queue<ReminderJob>;
  readonly deliveries: Queue<DeliveryJob>;
  readonly connection: Redis;

  constructor(readonly options: ReminderQueuesOptions) {
    this.connection = openRedis(options.redisUrl, options.events);
    const shared = { connection: this.connection, prefix: options.prefix };
    this.reminders = new Queue<ReminderJob>(REMINDERS_QUEUE, {
      ...shared,
      defaultJobOptions: REMINDER_JOB_OPTIONS,
    });
    this.deliveries = new Queue<DeliveryJob>(DELIVERIES_QUEUE, {
      ...shared,
      defaultJobOptions: {
        attempts: options.deliveryAttempts,
        backoff: { type: 'exponential', delay: options.deliveryRetryDelayMs },
        removeOnComplete: { count: 1000, age: 24 * 3600 },
        removeOnFail: { count: 10000, age: 30 * 24 * 3600 },
      },
    });
    // Errors also reach the connection's handler; without a listener here Node would throw them.
    this.reminders.on('error', () => undefined);
    this.deliveries.on('error', () => undefined);
  }

  isUp(timeoutMs = 1000): Promise<boolean> {
    return pingRedis(this.connection, timeoutMs);
  }

  async depth(): Promise<{ reminders: QueueDepth; deliveries: QueueDepth }> {
    const count = async (queue: Queue) => {
      const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
      return {
        waiting: counts['waiting'] ?? 0,
        delayed: counts['delayed'] ?? 0,
        active: counts['active'] ?? 0,
        failed: counts['failed'] ?? 0,
      };
    };
    return { reminders: await count(this.reminders), deliveries: await count(this.deliveries) };
  }

  async close(): Promise<void> {
    // A queue still starting up has commands in flight, and closing under them makes BullMQ emit an
    // error nobody can catch: give it a moment to be ready. Without Redis it never will be, and
    // closing a queue would wait for a connection that is not coming.
    let timer: NodeJS.Timeout | undefined;
    const ready = await Promise.race([
      Promise.all([this.reminders.waitUntilReady(), this.deliveries.waitUntilReady()]).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 1000))),
    ]);
    clearTimeout(timer);
    const closing = Promise.allSettled([this.reminders.close(), this.deliveries.close()]);
    if (ready) await closing;
    await closeRedis(this.connection);
  }
}

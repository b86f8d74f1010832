import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@pact/application';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { counter, METRICS } from '@pact/infrastructure';
import { DelayedError, Worker, type Job } from 'bullmq';
import type { Registry } from 'prom-client';
import type { Redis } from 'ioredis';
import type { DeliveryProcessor } from './delivery/delivery-processor';
import { closeRedis, openRedis } from './queues/redis-connection';
import { ReminderQueues, type DeliveryJob } from './queues/reminder-queues';
import {
  DELIVERIES_QUEUE,
  REMINDERS_QUEUE,
  SWEEP_SCHEDULER_ID,
  type ReminderJob,
} from './scheduling/reminder-jobs';
import type { ReminderOutcome } from './scheduling/reminder-outcome';
import type { ReminderProcessor } from './scheduling/reminder-processor';
import type { ReminderScheduler } from './scheduling/reminder-scheduler';

export const REMINDER_PROCESSOR = Symbol('ReminderProcessor');
export const DELIVERY_PROCESSOR = Symbol('DeliveryProcessor');
export const REMINDER_SCHEDULER = Symbol('ReminderScheduler');

const CLOSE_TIMEOUT_MS = 10_000;

/**
 * The worker: BullMQ consumers for both queues, the scheduler's subscription, and the sweep's job
 * scheduler. Runs in `apps/worker`, and in the api process too unless `RUN_WORKER=false`.
 */
@Injectable()
export class ReminderWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('reminders');
  private readonly controller = new AbortController();
  private readonly connections: Redis[] = [];
  private readonly workers: Worker[] = [];
  private following?: Promise<void>;
  private watchdog?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queues: ReminderQueues,
    @Inject(REMINDER_PROCESSOR) private readonly reminders: ReminderProcessor,
    @Inject(DELIVERY_PROCESSOR) private readonly deliveries: DeliveryProcessor,
    @Inject(REMINDER_SCHEDULER) private readonly scheduler: ReminderScheduler,
    @Inject(METRICS) private readonly registry: Registry,
  ) {}

  onApplicationBootstrap(): void {
    const lock = this.config.reminderJobLock.as('milliseconds');
    const options = (concurrency: number) => ({
      connection: this.connection(),
      prefix: this.queues.options.prefix,
      concurrency,
      lockDuration: lock,
      stalledInterval: lock,
    });
    this.workers.push(
      new Worker<ReminderJob, ReminderOutcome>(
        REMINDERS_QUEUE,
        (job, token) => this.runReminder(job, token),
        options(8),
      ),
      new Worker<DeliveryJob>(
        DELIVERIES_QUEUE,
        (job) => this.deliveries.process(job.data, job.attemptsMade + 1),
        options(16),
      ),
    );
    const outcomes = counter(this.registry, 'pact_jobs_total', 'BullMQ job outcomes', [
      'queue',
      'outcome',
    ]);
    for (const worker of this.workers) {
      worker.on('error', () => undefined); // reported once per outage by the connection
      worker.on('completed', (job, result: unknown) => {
        const kind = (result as { kind?: unknown } | undefined)?.kind;
        outcomes.inc({
          queue: job.queueName,
          outcome: typeof kind === 'string' ? kind : String(result),
        });
      });
      worker.on('failed', (job, error) => {
        outcomes.inc({ queue: job?.queueName ?? 'unknown', outcome: 'failed' });
        if (job) this.logger.warn(`${job.queueName} job ${job.id} failed: ${error.message}`);
      });
    }
    this.following = this.follow(this.controller.signal);
    void this.ensureSweepScheduled();
    const every = Math.min(this.config.reminderSweepInterval.as('milliseconds'), 60_000);
    this.watchdog = setInterval(() => void this.ensureSweepScheduled(), every).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.watchdog);
    this.controller.abort();
    // A job in flight is let finish; one that does not within the timeout is retried elsewhere.
    // Without Redis there is nothing to finish: the workers are dropped at once.
    const force = !(await this.queues.isUp(200));
    await withTimeout(
      Promise.allSettled([this.following, ...this.workers.map((worker) => worker.close(force))]),
      force ? 0 : CLOSE_TIMEOUT_MS,
    );
    await Promise.all(this.connections.map(closeRedis));
    this.deliveries.close();
    this.logger.log('Reminder worker stopped: jobs in flight finished, connections closed');
  }

  private async runReminder(job: Job<ReminderJob>, token?: string): Promise<ReminderOutcome> {
    const outcome = await this.reminders.process(job.data);
    if (outcome.kind === 'not-yet') {
      await job.moveToDelayed(outcome.runAt, token);
      throw new DelayedError();
    }
    return outcome;
  }

  /** The scheduler's subscription, restarted after a pause when Redis or the store fails under it. */
  private async follow(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.scheduler.run(signal);
      } catch (error) {
        if (signal.aborted) return;
        this.logger.warn(`Reminder scheduling interrupted: ${String(error)}; retrying in 1 s`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /**
   * The sweep lives in Redis as a job scheduler; if Redis loses it (a flush, a failover without
   * persistence) it is put back here, and the next sweep restores everything else.
   */
  private async ensureSweepScheduled(): Promise<void> {
    try {
      if (!(await this.queues.isUp())) return;
      if (await this.queues.reminders.getJobScheduler(SWEEP_SCHEDULER_ID)) return;
      await this.queues.reminders.upsertJobScheduler(
        SWEEP_SCHEDULER_ID,
        { every: this.config.reminderSweepInterval.as('milliseconds') },
        { name: 'sweep', data: { kind: 'sweep' } },
      );
      this.logger.log(
        `Reminder sweep scheduled every ${this.config.reminderSweepInterval.toISO()} (${this.clock.now().toISOString()})`,
      );
    } catch (error) {
      this.logger.warn(`Could not schedule the reminder sweep: ${String(error)}`);
    }
  }

  private connection(): Redis {
    const redis = openRedis(this.config.redisUrl, {
      onDown: () => undefined,
      onUp: () => undefined,
    });
    this.connections.push(redis);
    return redis;
  }
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

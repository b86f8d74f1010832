import { APP_CONFIG, type AppConfig } from '@pact/application';
import { Inject, Injectable } from '@nestjs/common';
import { DeliveryLog } from './delivery/delivery-log';
import { ReminderQueues } from './queues/reminder-queues';
import { ReminderLedger } from './scheduling/reminder-ledger';

export interface RemindersHealth {
  readonly status: 'up' | 'down';
  readonly message?: string;
  readonly worker: 'in-process' | 'separate';
  readonly queues?: Awaited<ReturnType<ReminderQueues['depth']>>;
  /** The figures below are absent when the ledger and delivery log cannot be read. */
  readonly prompts?: Record<string, number>;
  readonly scheduledPledges?: number;
  readonly deliveries?: Awaited<ReturnType<DeliveryLog['counts']>>;
}

/** What /health says about reminders: Redis reachable, queue depths, prompts and deliveries so far. */
@Injectable()
export class RemindersMonitor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: ReminderQueues,
    private readonly ledger: ReminderLedger,
    private readonly deliveries: DeliveryLog,
  ) {}

  async health(): Promise<RemindersHealth> {
    const worker = this.config.runWorker ? ('in-process' as const) : ('separate' as const);
    let figures;
    try {
      figures = {
        prompts: await this.ledger.promptCounts(),
        scheduledPledges: await this.ledger.scheduledPledges(),
        deliveries: await this.deliveries.counts(),
      };
    } catch (error) {
      // Where they are kept (MongoDB) is unreachable: /health still answers, naming it.
      return {
        status: 'down',
        message: `The reminder ledger and delivery log cannot be read: ${error instanceof Error ? error.message : String(error)}`,
        worker,
      };
    }
    const common = { worker, ...figures };
    if (!(await this.queues.isUp())) {
      return { status: 'down', message: redisDownMessage(this.config.redisUrl), ...common };
    }
    return { status: 'up', queues: await this.queues.depth(), ...common };
  }
}

export function redisDownMessage(redisUrl: string): string {
  return (
    `Redis at ${redisUrl} is not reachable, so reporting prompts are not being sent. ` +
    'Start it (redis-server --daemonize yes --port 6379) or point REDIS_URL at one; ' +
    'everything else keeps serving, and prompts due meanwhile go out once Redis is back.'
  );
}

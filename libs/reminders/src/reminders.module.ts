import { CLOCK, type AppConfig, type Clock } from '@pact/application';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import {
  APP_DATABASE,
  MONGO_CLIENT,
  OwnPorts,
  RedisKeyPrefix,
  WebhookSecretStore,
} from '@pact/infrastructure';
import {
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import type { MongoClient } from 'mongodb';
import { DeliveryLog } from './delivery/delivery-log';
import { MongoDeliveryLog } from './delivery/mongo-delivery-log';
import { SqliteDeliveryLog } from './delivery/sqlite-delivery-log';
import { DeliveryProcessor } from './delivery/delivery-processor';
import { DeliveryQueue } from './delivery/delivery-queue';
import { Mailer } from './delivery/mailer';
import { ReminderQueues } from './queues/reminder-queues';
import {
  DELIVERY_PROCESSOR,
  REMINDER_PROCESSOR,
  REMINDER_SCHEDULER,
  ReminderWorker,
} from './reminder-worker';
import { redisDownMessage, RemindersMonitor } from './reminders-monitor';
import { PledgeReminders } from './scheduling/pledge-reminders';
import { MongoReminderLedger } from './scheduling/mongo-reminder-ledger';
import { ReminderLedger } from './scheduling/reminder-ledger';
import { SqliteReminderLedger } from './scheduling/sqlite-reminder-ledger';
import {
  MarkNonReportingHandler,
  NoticeTimelineChangeHandler,
  ReminderPledgeStates,
  REMINDER_OPTIONS,
  SendReportingPromptHandler,
} from './scheduling/reminder-commands';
import type { ReminderProcessorOptions } from './scheduling/reminder-outcome';
import { ReminderProcessor } from './scheduling/reminder-processor';
import { ReminderScheduler } from './scheduling/reminder-scheduler';
import { TimelineNotices } from './timeline/timeline-notices';

@Injectable()
class QueuesLifecycle implements OnApplicationShutdown {
  constructor(private readonly queues: ReminderQueues) {}

  /** After the worker (registered later, shut down first) has let go of its jobs. */
  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
  }
}

/**
 * Reporting prompts on BullMQ: the queues (for every process), and the worker when this process
 * runs it. Needs InfrastructureModule and, for the worker's commands, `CqrsModule.forRoot()`.
 */
@Module({})
export class RemindersModule {
  static forRoot(config: AppConfig): DynamicModule {
    const logger = new Logger('reminders');
    return {
      module: RemindersModule,
      global: true,
      providers: [
        {
          provide: ReminderQueues,
          useFactory: async (prefix: RedisKeyPrefix) =>
            new ReminderQueues({
              redisUrl: config.redisUrl,
              prefix: await prefix.get(),
              deliveryAttempts: config.webhook.attempts,
              deliveryRetryDelayMs: config.webhook.retryDelay.as('milliseconds'),
              events: {
                onDown: (reason) => logger.warn(`${redisDownMessage(config.redisUrl)} (${reason})`),
                onUp: () => logger.log(`Redis at ${config.redisUrl} is back; reminders resume`),
              },
            }),
          inject: [RedisKeyPrefix],
        },
        QueuesLifecycle,
        ...ledgerProviders(config),
        {
          provide: DeliveryQueue,
          useFactory: (store: EventStore, log: DeliveryLog, queues: ReminderQueues) =>
            new DeliveryQueue(store, log, queues),
          inject: [EVENT_STORE, DeliveryLog, ReminderQueues],
        },
        {
          provide: PledgeReminders,
          useFactory: (
            store: EventStore,
            queues: ReminderQueues,
            ledger: ReminderLedger,
            clock: Clock,
          ) => new PledgeReminders(store, queues, ledger, config.reporting, clock),
          inject: [EVENT_STORE, ReminderQueues, ReminderLedger, CLOCK],
        },
        RemindersMonitor,
        ...(config.runWorker ? workerProviders(config) : []),
      ],
      exports: [ReminderQueues, DeliveryQueue, DeliveryLog, RemindersMonitor],
    };
  }
}

/**
 * The ledger and delivery log: in SQLite beside the embedded stores, in MongoDB (shared by workers
 * on every host and by the api) when the read models are there too.
 */
function ledgerProviders(config: AppConfig) {
  if (config.readStore === 'mongodb')
    return [
      {
        provide: ReminderLedger,
        useFactory: (client: MongoClient) => new MongoReminderLedger(client.db()),
        inject: [MONGO_CLIENT],
      },
      {
        provide: DeliveryLog,
        useFactory: (client: MongoClient) => new MongoDeliveryLog(client.db()),
        inject: [MONGO_CLIENT],
      },
    ];
  return [
    {
      provide: ReminderLedger,
      useFactory: (db: Database.Database) => new SqliteReminderLedger(db),
      inject: [APP_DATABASE],
    },
    {
      provide: DeliveryLog,
      useFactory: (db: Database.Database) => new SqliteDeliveryLog(db),
      inject: [APP_DATABASE],
    },
  ];
}

function workerProviders(config: AppConfig) {
  return [
    {
      provide: REMINDER_SCHEDULER,
      useFactory: (
        store: EventStore,
        ledger: ReminderLedger,
        reminders: PledgeReminders,
        deliveries: DeliveryQueue,
        clock: Clock,
        commands: CommandBus,
      ) =>
        new ReminderScheduler(
          store,
          ledger,
          reminders,
          deliveries,
          clock,
          new TimelineNotices(store, commands),
        ),
      inject: [EVENT_STORE, ReminderLedger, PledgeReminders, DeliveryQueue, CLOCK, CommandBus],
    },
    {
      provide: REMINDER_OPTIONS,
      useValue: {
        reporting: config.reporting,
        sweepIntervalMs: config.reminderSweepInterval.as('milliseconds'),
        email: config.smtp !== undefined,
        aiActTimelineBase: config.aiActTimelineBase,
      } satisfies ReminderProcessorOptions,
    },
    ReminderPledgeStates,
    SendReportingPromptHandler,
    MarkNonReportingHandler,
    NoticeTimelineChangeHandler,
    {
      provide: REMINDER_PROCESSOR,
      useFactory: (
        commands: CommandBus,
        reminders: PledgeReminders,
        deliveries: DeliveryQueue,
        ledger: ReminderLedger,
        clock: Clock,
        options: ReminderProcessorOptions,
      ) => new ReminderProcessor(commands, reminders, deliveries, ledger, clock, options),
      inject: [CommandBus, PledgeReminders, DeliveryQueue, ReminderLedger, CLOCK, REMINDER_OPTIONS],
    },
    {
      provide: DELIVERY_PROCESSOR,
      useFactory: (
        store: EventStore,
        log: DeliveryLog,
        secrets: WebhookSecretStore,
        clock: Clock,
        ownPorts: OwnPorts,
      ) =>
        new DeliveryProcessor(
          store,
          log,
          secrets,
          config.smtp && new Mailer(config.smtp.url, config.smtp.from),
          clock,
          {
            timeoutMs: config.webhook.timeout.as('milliseconds'),
            allowInsecure: config.webhookAllowInsecure,
            ownPorts,
            attempts: config.webhook.attempts,
          },
        ),
      inject: [EVENT_STORE, DeliveryLog, WebhookSecretStore, CLOCK, OwnPorts],
    },
    ReminderWorker,
  ];
}

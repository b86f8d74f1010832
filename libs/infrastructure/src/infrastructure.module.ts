import { APP_CONFIG, CLOCK, systemClock, type AppConfig, type Clock } from '@pact/application';
import {
  EVENT_STORE,
  KurrentDbEventStore,
  SqliteEventStore,
  type EventStore,
} from '@pact/event-store';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKeyStore } from './api-keys/api-key.store';
import { HeadSeals } from './audit/head-seals';
import { MongoSealRecords, SqliteSealRecords, type SealRecords } from './audit/seal-records';
import {
  MongoWebhookSecretStore,
  SqliteWebhookSecretStore,
  WebhookSecretStore,
} from './api-keys/webhook-secret.store';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { MongoIdempotencyStore } from './idempotency/mongo-idempotency.store';
import { SqliteIdempotencyStore } from './idempotency/sqlite-idempotency.store';
import { MongoApiKeyStore } from './api-keys/mongo-api-key.store';
import { SqliteApiKeyStore } from './api-keys/sqlite-api-key.store';
import type { MongoClient } from 'mongodb';
import { connectTransactional } from '@pact/read-store';
import { MeasuredEventStore, METRICS } from './metrics/metrics';
import { PersonalDataProtectingStore } from './personal-data/personal-data-store';
import { Registry } from 'prom-client';
import { PersonalDataVault } from './personal-data/personal-data-vault';
import {
  MongoPersonalDataKeys,
  SqlitePersonalDataKeys,
  type PersonalDataKeys,
} from './personal-data/personal-data-keys';
import { SecretBox } from './secrets/secret-box';
import { openAppDatabase } from './sqlite/app-database';
import { RedisKeyPrefix } from './deployment/deployment-identity';
import { OwnPorts } from './network/own-ports';

export const APP_DATABASE = Symbol('AppDatabase');
export const MONGO_CLIENT = Symbol('MongoClient');
/** Where personal-data keys are kept: beside the embedded stores, or in MongoDB. */
export const PERSONAL_DATA_KEYS = Symbol('PersonalDataKeys');
/** Where stream-head seals are kept. */
export const SEAL_RECORDS = Symbol('SealRecords');
/**
 * The event store exactly as stored (personal data sealed): for the audit views and verification.
 * Everything else uses EVENT_STORE, which opens sealed personal data.
 */
export const RAW_EVENT_STORE = Symbol('RawEventStore');

export interface InfrastructureOptions {
  readonly clock?: Clock;
}

@Injectable()
class Lifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly logger = new Logger('infrastructure');

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly idempotency: IdempotencyStore,
    private readonly seals: HeadSeals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(MONGO_CLIENT) private readonly mongo?: MongoClient,
    @Optional() @Inject(APP_DATABASE) private readonly appDatabase?: Database.Database,
  ) {}

  /** Hourly, idempotency records past their 24 h window are forgotten; stream heads are sealed as configured. */
  onApplicationBootstrap(): void {
    const purge = () =>
      void this.idempotency
        .purgeExpired(this.clock.now())
        .catch((error: unknown) =>
          this.logger.warn(`Purging idempotency records failed: ${String(error)}`),
        );
    const seal = () =>
      this.seals
        .seal(this.clock.now())
        .catch((error: unknown) =>
          this.logger.warn(`Sealing stream heads failed: ${String(error)}`),
        );
    purge();
    this.timers.push(setInterval(purge, 60 * 60 * 1000).unref());
    this.timers.push(
      setInterval(() => void seal(), this.config.auditSealInterval.as('milliseconds')).unref(),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.eventStore.close();
    await this.mongo?.close();
    if (this.appDatabase?.open) this.appDatabase.close();
  }
}

/**
 * API keys, idempotency records, webhook secrets, personal-data keys and seals: in SQLite
 * (`app.db`) beside the embedded stores, in MongoDB (shared by every api replica and worker) when
 * the read models are there too; then no app.db is opened. The reminder ledger and delivery log
 * follow the same choice (RemindersModule).
 */
function sharedStores(config: AppConfig) {
  if (config.readStore !== 'mongodb') {
    return [
      {
        provide: APP_DATABASE,
        useFactory: () => openAppDatabase(join(config.dataDir, 'app.db'), config.sqliteSynchronous),
      },
      {
        provide: ApiKeyStore,
        useFactory: (db: Database.Database, box: SecretBox) => new SqliteApiKeyStore(db, box),
        inject: [APP_DATABASE, SecretBox],
      },
      {
        provide: IdempotencyStore,
        useFactory: (db: Database.Database, box: SecretBox) => new SqliteIdempotencyStore(db, box),
        inject: [APP_DATABASE, SecretBox],
      },
      {
        provide: WebhookSecretStore,
        useFactory: (db: Database.Database, box: SecretBox) =>
          new SqliteWebhookSecretStore(db, box),
        inject: [APP_DATABASE, SecretBox],
      },
      {
        provide: PERSONAL_DATA_KEYS,
        useFactory: (db: Database.Database) => new SqlitePersonalDataKeys(db),
        inject: [APP_DATABASE],
      },
      {
        provide: SEAL_RECORDS,
        useFactory: (db: Database.Database) => new SqliteSealRecords(db),
        inject: [APP_DATABASE],
      },
    ];
  }
  return [
    {
      provide: MONGO_CLIENT,
      useFactory: () => connectTransactional(config.mongodbUrl!),
    },
    {
      provide: ApiKeyStore,
      useFactory: (client: MongoClient, box: SecretBox) => new MongoApiKeyStore(client.db(), box),
      inject: [MONGO_CLIENT, SecretBox],
    },
    {
      provide: IdempotencyStore,
      useFactory: (client: MongoClient, box: SecretBox) =>
        new MongoIdempotencyStore(client.db(), box),
      inject: [MONGO_CLIENT, SecretBox],
    },
    {
      provide: WebhookSecretStore,
      useFactory: (client: MongoClient, box: SecretBox) =>
        new MongoWebhookSecretStore(client.db(), box),
      inject: [MONGO_CLIENT, SecretBox],
    },
    {
      provide: PERSONAL_DATA_KEYS,
      useFactory: (client: MongoClient) => new MongoPersonalDataKeys(client.db()),
      inject: [MONGO_CLIENT],
    },
    {
      provide: SEAL_RECORDS,
      useFactory: (client: MongoClient) => new MongoSealRecords(client, client.db()),
      inject: [MONGO_CLIENT],
    },
  ];
}

/** Configuration, clock and the stores every process shares, chosen by configuration. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, options: InfrastructureOptions = {}): DynamicModule {
    mkdirSync(config.dataDir, { recursive: true });
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: OwnPorts, useValue: new OwnPorts(config.port) },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: RAW_EVENT_STORE,
          useFactory: (): EventStore => {
            if (config.eventStore === 'kurrentdb')
              return new KurrentDbEventStore(config.kurrentdbUrl!, {
                log: (message) => new Logger('event-store').warn(message),
              });
            return new SqliteEventStore({
              filename: join(config.dataDir, 'events.db'),
              synchronous: config.sqliteSynchronous,
            });
          },
        },
        {
          provide: PersonalDataVault,
          useFactory: (keys: PersonalDataKeys, box: SecretBox) => new PersonalDataVault(keys, box),
          inject: [PERSONAL_DATA_KEYS, SecretBox],
        },
        {
          provide: PersonalDataProtectingStore,
          useFactory: (raw: EventStore, vault: PersonalDataVault) =>
            new PersonalDataProtectingStore(raw, vault),
          inject: [RAW_EVENT_STORE, PersonalDataVault],
        },
        { provide: METRICS, useValue: new Registry() },
        {
          provide: EVENT_STORE,
          useFactory: (store: PersonalDataProtectingStore, registry: Registry) =>
            new MeasuredEventStore(store, registry),
          inject: [PersonalDataProtectingStore, METRICS],
        },
        {
          provide: SecretBox,
          useFactory: () => SecretBox.fromDataDir(config.dataDir, config.secretsKey),
        },
        ...sharedStores(config),

        {
          provide: HeadSeals,
          useFactory: (records: SealRecords, box: SecretBox, events: EventStore) =>
            new HeadSeals(records, box, events),
          inject: [SEAL_RECORDS, SecretBox, EVENT_STORE],
        },
        {
          provide: RedisKeyPrefix,
          useFactory: (store: EventStore, clock: Clock) =>
            new RedisKeyPrefix(config.reminderQueuePrefix, store, () => clock.now()),
          inject: [RAW_EVENT_STORE, CLOCK],
        },
        Lifecycle,
      ],
      exports: [
        OwnPorts,
        RedisKeyPrefix,
        METRICS,
        HeadSeals,
        RAW_EVENT_STORE,
        PersonalDataVault,
        PersonalDataProtectingStore,
        APP_CONFIG,
        CLOCK,
        EVENT_STORE,
        SecretBox,
        ApiKeyStore,
        IdempotencyStore,
        WebhookSecretStore,
        config.readStore === 'mongodb' ? MONGO_CLIENT : APP_DATABASE,
      ],
    };
  }
}

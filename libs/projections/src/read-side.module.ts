import { APP_CONFIG, type AppConfig } from '@pact/application';
import type { EventStore } from '@pact/event-store';
import {
  Leadership,
  MONGO_CLIENT,
  RAW_EVENT_STORE,
  RedisKeyPrefix,
  RedisLease,
} from '@pact/infrastructure';
import type { MongoClient } from 'mongodb';
import { EmbeddedReadStore, MongoReadStore, READ_STORE, type ReadStore } from '@pact/read-store';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { practicesProjection } from './practices/practices.projection';
import { PROJECTIONS, type Projection } from './projection';
import { promptsProjection } from './prompts/prompts.projection';
import { actionTargetsProjection } from './timeline/action-targets.projection';
import { Projector } from './projector';
import { ProjectionOperations } from './projection-operations';
import { registryProjection } from './registry/registry.projection';

export function allProjections(config: AppConfig): Projection[] {
  return [
    registryProjection(config.reporting),
    practicesProjection,
    promptsProjection,
    actionTargetsProjection,
  ];
}

@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('projector');
  private leadership?: Leadership;
  private redis?: Redis;

  constructor(
    private readonly projector: Projector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly prefix: RedisKeyPrefix,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runProjector) return;
    if (this.config.projectorLease === 'none') {
      await this.projector.start();
      return;
    }
    // One active projector per deployment; the others stand by until its lease lapses.
    const redis = new IORedis(this.config.redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    redis.on('error', () => undefined);
    this.redis = redis;
    const lease = new RedisLease(
      redis,
      `${await this.prefix.get()}:projector-lease`,
      `${hostname()}-${process.pid}-${randomUUID()}`,
      this.config.projectorLeaseTtl.as('milliseconds'),
    );
    this.leadership = new Leadership(lease, {
      onElected: () => this.projector.start(),
      onDeposed: () => this.projector.stop(),
      log: (message) => this.logger.log(message),
    });
    this.leadership.start();
  }

  /** Runs before any store closes: the runners finish their batch and commit their checkpoint. */
  async onModuleDestroy(): Promise<void> {
    await this.leadership?.stop();
    await this.projector.stop();
    this.redis?.disconnect();
    if (this.config.runProjector)
      this.logger.log(
        'Projector stopped: each projection committed its last page with its checkpoint',
      );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The read store chosen by configuration, the projections, and (when configured) the running projector. */
@Global()
@Module({})
export class ReadSideModule {
  static forRoot(config: AppConfig): DynamicModule {
    const logger = new Logger('projector');
    return {
      module: ReadSideModule,
      providers: [
        {
          provide: READ_STORE,
          // On MongoDB, the client the process's other shared stores use: one pool, one check.
          useFactory: (client?: MongoClient): ReadStore =>
            client
              ? MongoReadStore.on(client)
              : new EmbeddedReadStore(join(config.dataDir, 'read.db'), config.sqliteSynchronous),
          inject: [{ token: MONGO_CLIENT, optional: true }],
        },
        { provide: PROJECTIONS, useValue: allProjections(config) },
        {
          provide: Projector,
          useFactory: (projections: Projection[], events: EventStore, store: ReadStore) =>
            new Projector(projections, events, store, {
              onError: config.projectionOnError,
              log: (m) => logger.warn(m),
            }),
          // The log as stored: read models never hold personal data, so the projector reads no
          // contact in clear and pays no key lookup or decryption for one.
          inject: [PROJECTIONS, RAW_EVENT_STORE, READ_STORE],
        },
        {
          provide: ProjectionOperations,
          useFactory: (projector: Projector, store: ReadStore) =>
            new ProjectionOperations(projector, store, {
              // The embedded store is opened by one process only, so it does its own operations.
              local: () => projector.running || config.readStore === 'embedded',
            }),
          inject: [Projector, READ_STORE],
        },
        ProjectorLifecycle,
      ],
      exports: [READ_STORE, PROJECTIONS, Projector, ProjectionOperations],
    };
  }
}

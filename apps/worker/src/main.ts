import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pact/application';
import {
  createLogger,
  InfrastructureModule,
  loggingModule,
  RedisKeyPrefix,
} from '@pact/infrastructure';
import { RemindersModule } from '@pact/reminders';
import { Logger, Module } from '@nestjs/common';
import { Logger as PinoLogger } from 'nestjs-pino';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';

@Module({})
class WorkerAppModule {}

/**
 * The reminder worker on its own: schedules prompts from the event store, runs them through the
 * pledge decider and delivers them. Any number may run side by side.
 */
async function bootstrap(): Promise<void> {
  const config = { ...loadConfig(), runWorker: true };
  const app = await NestFactory.createApplicationContext(
    {
      module: WorkerAppModule,
      imports: [
        loggingModule(createLogger()),
        InfrastructureModule.forRoot(config),
        RemindersModule.forRoot(config),
        CqrsModule.forRoot(),
      ],
    },
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  await app.init();
  new Logger('worker').log(
    `Reminder worker started on ${config.dataDir}, Redis ${config.redisUrl}, prefix ${await app.get(RedisKeyPrefix).get()}`,
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});

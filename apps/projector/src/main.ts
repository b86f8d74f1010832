import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pact/application';
import { createLogger, InfrastructureModule, loggingModule } from '@pact/infrastructure';
import { ReadSideModule } from '@pact/projections';
import { Logger, Module } from '@nestjs/common';
import { Logger as PinoLogger } from 'nestjs-pino';
import { NestFactory } from '@nestjs/core';

@Module({})
class ProjectorAppModule {}

/**
 * The projector on its own, for deployments with READ_STORE=mongodb. With the embedded read store the
 * projector runs inside the api process (`npm start`), which holds the read models in its memory.
 */
async function bootstrap(): Promise<void> {
  const config = { ...loadConfig(), runProjector: true };
  const logger = new Logger('projector');
  if (config.readStore === 'embedded') {
    logger.warn(
      'READ_STORE is embedded: the api process already projects; run this app with READ_STORE=mongodb',
    );
  }
  const app = await NestFactory.createApplicationContext(
    {
      module: ProjectorAppModule,
      imports: [
        loggingModule(createLogger()),
        InfrastructureModule.forRoot(config),
        ReadSideModule.forRoot(config),
      ],
    },
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  logger.log(`Projecting from ${config.eventStore} into the ${config.readStore} read store`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});

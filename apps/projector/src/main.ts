import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pact/application';
import { InfrastructureModule } from '@pact/infrastructure';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Module({})
class ProjectorAppModule {}

/** The projector process: builds the read models from the event log (filled by the read-side work). */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext({
    module: ProjectorAppModule,
    imports: [InfrastructureModule.forRoot(config)],
  });
  app.enableShutdownHooks();
  new Logger('projector').log(`Started on ${config.dataDir}; no projection is registered yet`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});

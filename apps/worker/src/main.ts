import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pact/application';
import { InfrastructureModule } from '@pact/infrastructure';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Module({})
class WorkerAppModule {}

/** The reminder worker process (filled by the reporting-prompts work). */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext({
    module: WorkerAppModule,
    imports: [InfrastructureModule.forRoot(config)],
  });
  app.enableShutdownHooks();
  new Logger('worker').log(`Started on ${config.dataDir}; no reminder job is registered yet`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pact/application';
import { Logger } from '@nestjs/common';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  new Logger('api').log(
    `Serving on http://${config.host}:${config.port} with data in ${config.dataDir}`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});

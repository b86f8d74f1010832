import 'reflect-metadata';
import { loadConfig } from '@pact/application';
import { createApp } from '../apps/api/src/create-app';

/**
 * The app for the pages bench, in a process of its own (the bench measures it from outside): serves
 * DATA_DIR as `npm start` would, without the reminder worker, and prints its address once the
 * projector has caught up.
 */
async function main(): Promise<void> {
  const app = await createApp(
    loadConfig({
      ...process.env,
      RUN_WORKER: 'false',
      ANONYMOUS_RATE_LIMIT: '0',
      KEY_RATE_LIMIT: '0',
    }),
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  process.stdout.write(`http://127.0.0.1:${port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});

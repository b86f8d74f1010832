import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pact/application';
import { InfrastructureModule } from '@pact/infrastructure';
import { Projector, ReadSideModule } from '@pact/projections';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Module({})
class CliModule {}

const USAGE = `Usage: npm run cli -- <command>
  projections:status                 position, lag, status and dead letters of every projection
  projections:rebuild <name>         rebuild one projection from position 0, then swap it in
  projections:replay-dead-letters    after a fix: restart stopped projections, rebuild those that skipped events

With the embedded read store, stop the server first: one process owns the read models.`;

async function main(args: string[]): Promise<number> {
  const [command, name] = args;
  if (
    !command ||
    !['projections:status', 'projections:rebuild', 'projections:replay-dead-letters'].includes(
      command,
    )
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = { ...loadConfig(), runProjector: false };
  const app = await NestFactory.createApplicationContext(
    {
      module: CliModule,
      imports: [InfrastructureModule.forRoot(config), ReadSideModule.forRoot(config)],
    },
    { logger: ['error'] },
  );
  try {
    const projector = app.get(Projector);
    if (command === 'projections:rebuild') {
      if (!name) throw new Error('projections:rebuild needs a projection name');
      await projector.rebuild(name);
      await projector.stop();
    }
    if (command === 'projections:replay-dead-letters') {
      process.stdout.write(
        `replayed: ${(await projector.replayDeadLetters()).join(', ') || 'none'}\n`,
      );
      await projector.stop();
    }
    process.stdout.write(`${JSON.stringify(await projector.status(), null, 2)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);

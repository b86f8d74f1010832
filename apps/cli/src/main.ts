import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pact/application';
import { ChainVerifier, type EventStore } from '@pact/event-store';
import { HeadSeals, InfrastructureModule, RAW_EVENT_STORE } from '@pact/infrastructure';
import { Projector, ReadSideModule } from '@pact/projections';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Module({})
class CliModule {}

const USAGE = `Usage: npm run cli -- <command>
  projections:status                 position, lag, status and dead letters of every projection
  projections:rebuild <name>         rebuild one projection from position 0, then swap it in
  projections:replay-dead-letters    after a fix: restart stopped projections, rebuild those that skipped events
  audit:verify                       check every stream's hash chain and the latest seal; exit 1 if anything fails

With the embedded read store, stop the server first: one process owns the read models.`;

async function main(args: string[]): Promise<number> {
  const [command, name] = args;
  const commands = [
    'projections:status',
    'projections:rebuild',
    'projections:replay-dead-letters',
    'audit:verify',
  ];
  if (!command || !commands.includes(command)) {
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
    if (command === 'audit:verify') {
      const report = await verifyAll(app.get(RAW_EVENT_STORE), app.get(HeadSeals));
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return report.valid ? 0 : 1;
    }
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

/** Every stream of the log, each checked as it streams past, then against the latest seal. */
async function verifyAll(events: EventStore, seals: HeadSeals) {
  const sealed = seals.heads();
  const verifiers = new Map<string, ChainVerifier>();
  let count = 0;
  for (let after = 0n; ;) {
    const batch = await events.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      let verifier = verifiers.get(event.streamId);
      if (!verifier) {
        verifier = new ChainVerifier(sealed.get(event.streamId));
        verifiers.set(event.streamId, verifier);
      }
      verifier.add(event);
    }
    count += batch.length;
    after = batch[batch.length - 1]!.position;
  }
  // A sealed stream with no event left at all was removed whole.
  for (const [streamId, head] of sealed)
    if (!verifiers.has(streamId)) verifiers.set(streamId, new ChainVerifier(head));
  const invalid = [...verifiers]
    .map(([streamId, verifier]) => ({ streamId, ...verifier.result() }))
    .filter((result) => !result.valid)
    .map(({ streamId, firstInvalidRevision, eventCount }) => ({
      streamId,
      firstInvalidRevision,
      eventCount,
    }));
  const latest = seals.latest();
  const seal = latest
    ? { valid: latest.valid, position: latest.seal.position, sealedAt: latest.seal.sealedAt }
    : null;
  return {
    valid: invalid.length === 0 && (latest?.valid ?? true),
    streams: verifiers.size,
    events: count,
    seal,
    invalid,
  };
}

import { ChainVerifier, type EventStore } from '@pact/event-store';
import { HeadSeals, RAW_EVENT_STORE } from '@pact/infrastructure';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { print } from './cli-context';

@Command({
  name: 'audit:verify',
  description: "check every stream's hash chain and the latest seal; exit 1 if anything fails",
})
export class AuditVerifyCommand extends CommandRunner {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly events: EventStore,
    private readonly seals: HeadSeals,
  ) {
    super();
  }

  async run(): Promise<void> {
    const report = await verifyAll(this.events, this.seals);
    print(report);
    process.exitCode = report.valid ? 0 : 1;
  }
}

/** Every stream of the log, each checked as it streams past, then against the latest seal. */
async function verifyAll(events: EventStore, seals: HeadSeals) {
  const sealed = await seals.heads();
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
  const latest = await seals.latest();
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

import { join } from 'node:path';
import { historyEntry } from '../apps/api/src/audit/history-entry';
import { replay } from '../libs/application/src';
import { pledgeDecider } from '../libs/domain/src';
import { SqliteEventStore, type EventToAppend } from '../libs/event-store/src';
import { testEvent } from '../libs/event-store/src/testing';
import { interleave, quick, tempDir, type BenchRow } from './support';

const CORE = ['ai-governance-strategy', 'high-risk-mapping', 'ai-literacy'];

/**
 * A 1,000-event pledge: the history read (read + the endpoint's per-event mapping) and time-travel
 * folds, each against a raw read of the same stream in the same run.
 */
export async function auditBench(): Promise<BenchRow[]> {
  const dir = tempDir('pact-bench-audit-');
  const store = new SqliteEventStore({
    filename: join(dir.path, 'events.db'),
    synchronous: 'NORMAL',
  });
  const stream = 'pledge-bench';
  await store.append(stream, events(1000), 'no-stream');
  const rounds = quick ? 20 : 200;
  const reads = (work: () => Promise<unknown>) => async () => {
    const started = process.hrtime.bigint();
    await work();
    return 1e9 / Number(process.hrtime.bigint() - started);
  };
  const raw = reads(() => store.readStream(stream));
  const history = await interleave(
    rounds,
    reads(async () => (await store.readStream(stream)).map((e) => historyEntry(e))),
    raw,
  );
  const travel = await interleave(
    rounds,
    reads(async () => {
      const all = await store.readStream(stream);
      for (const untilRevision of [250, 500, 999]) replay(pledgeDecider, all, { untilRevision });
    }),
    raw,
  );
  await store.close();
  dir.remove();
  const row = (label: string, result: { ours: number; baseline: number }): BenchRow => ({
    bench: 'audit',
    case: label,
    ours: result.ours,
    baseline: result.baseline,
    unit: 'reads/s',
    ratio: result.ours / result.baseline,
    baselineName: 'raw stream read',
  });
  return [
    row('history of a 1,000-event pledge', history),
    row('time travel to 3 revisions of it', travel),
  ];
}

/** A pledge of `count` events: its signature, then milestone reports. */
export function events(count: number, pledgeId = 'bench', organisationId = 'o'): EventToAppend[] {
  const envelope = (type: string, data: unknown) =>
    testEvent(type, data, { actor: { keyId: 'bench', role: 'participant', organisationId } });
  const signed = envelope('PledgeSigned', {
    pledgeId,
    organisationId,
    signatory: { name: 'S', position: 'CEO' },
    signedAt: '2026-01-01T00:00:00.000Z',
    catalogueVersion: '2024-09',
    commitments: CORE.map((code) => ({
      code,
      tier: 'core',
      actions: [
        { actionId: `${code}-1`, description: 'd', status: 'planned', targetDate: '2027-01-01' },
      ],
    })),
  });
  const milestones = Array.from({ length: count - 1 }, (_, i) =>
    envelope('MilestoneReported', {
      pledgeId,
      milestoneId: `m${i}`,
      commitmentCode: CORE[i % 3],
      cycle: Math.floor(i / 3) + 1,
      summary: `Milestone ${i}`,
      actionUpdates: [{ actionId: `${CORE[i % 3]}-1`, status: 'underway' }],
      evidenceUrls: [],
      reportedAt: '2026-01-01T00:00:00.000Z',
    }),
  );
  return [signed, ...milestones];
}

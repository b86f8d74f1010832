import type { GroupedEvent } from '@castore/core';
import { PostgresEventStorageAdapter } from '@castore/event-storage-adapter-postgres';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore, type EventToAppend } from '../libs/event-store/src';
import { interleave, quick, tempDir, type BenchRow } from './support';

/** The machine's PostgreSQL (trust authentication); PEER_POSTGRES_URL points elsewhere. */
const POSTGRES_URL =
  process.env['PEER_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENT_STORE_ID = 'pledges';

/**
 * Our embedded event store against a peer, side by side in the same run: Castore (`@castore/core`
 * with `@castore/event-storage-adapter-postgres`, MIT) on the machine's PostgreSQL. Both at their
 * durable defaults (ours `synchronous=FULL`, PostgreSQL `synchronous_commit=on`). Appends of 1 and of
 * 100 events to a new stream, and the read of a 1,000-event stream. Goal: ours at least twice theirs.
 */
export async function peerBench(): Promise<BenchRow[]> {
  const tableName = `pact_bench_castore_${process.pid}`;
  try {
    await PostgresEventStorageAdapter.createEventTable({
      connectionString: POSTGRES_URL,
      tableName,
    });
  } catch (error) {
    // Loud, not silent: the rows are missing and the reason is printed.
    process.stderr.write(
      `SKIPPED the peer comparison: no PostgreSQL at ${POSTGRES_URL} (${String(error)})\n`,
    );
    return [];
  }
  const theirs = new PostgresEventStorageAdapter({ connectionString: POSTGRES_URL, tableName });
  const dir = tempDir('pact-bench-peer-');
  const ours = new SqliteEventStore({ filename: join(dir.path, 'events.db') });
  try {
    const rounds = quick ? 5 : 30;
    const perRound = quick ? 20 : 100;
    const rate = (count: number, work: () => Promise<unknown>) => async () => {
      const started = process.hrtime.bigint();
      await work();
      return (count * 1e9) / Number(process.hrtime.bigint() - started);
    };
    const single = await interleave(
      rounds,
      rate(perRound, async () => {
        for (let i = 0; i < perRound; i++)
          await ours.append(`pledge-${randomUUID()}`, [ourEvent(0)], 'no-stream');
      }),
      rate(perRound, async () => {
        for (let i = 0; i < perRound; i++)
          await theirs.pushEvent(theirEvent(randomUUID(), 1), { eventStoreId: EVENT_STORE_ID });
      }),
    );
    const batches = quick ? 3 : 10;
    const hundred = await interleave(
      rounds,
      rate(batches * 100, async () => {
        for (let b = 0; b < batches; b++)
          await ours.append(
            `pledge-${randomUUID()}`,
            Array.from({ length: 100 }, (_, i) => ourEvent(i)),
            'no-stream',
          );
      }),
      rate(batches * 100, async () => {
        for (let b = 0; b < batches; b++) {
          const aggregateId = randomUUID();
          const group = Array.from({ length: 100 }, (_, i) =>
            theirGroupedEvent(theirs, aggregateId, i + 1),
          );
          await theirs.pushEventGroup({}, group[0]!, ...group.slice(1));
        }
      }),
    );
    const ourStream = `pledge-${randomUUID()}`;
    await ours.append(
      ourStream,
      Array.from({ length: 1000 }, (_, i) => ourEvent(i)),
      'no-stream',
    );
    const theirAggregate = randomUUID();
    for (let start = 0; start < 1000; start += 100) {
      const group = Array.from({ length: 100 }, (_, i) =>
        theirGroupedEvent(theirs, theirAggregate, start + i + 1),
      );
      await theirs.pushEventGroup({}, group[0]!, ...group.slice(1));
    }
    const read = await interleave(
      rounds * 2,
      rate(1, async () => {
        if ((await ours.readStream(ourStream)).length !== 1000) throw new Error('short read');
      }),
      rate(1, async () => {
        const { events } = await theirs.getEvents(theirAggregate, { eventStoreId: EVENT_STORE_ID });
        if (events.length !== 1000) throw new Error('short read');
      }),
    );
    const row = (
      label: string,
      result: { ours: number; baseline: number },
      unit: string,
    ): BenchRow => ({
      bench: 'peer',
      case: label,
      ours: result.ours,
      baseline: result.baseline,
      unit,
      ratio: result.ours / result.baseline,
      baselineName: 'Castore on PostgreSQL',
      goal: { on: 'ratio', atLeast: 2 },
    });
    return [
      row('append 1 event to a new stream', single, 'events/s'),
      row('append 100 events to a new stream', hundred, 'events/s'),
      row('read a 1,000-event stream', read, 'reads/s'),
    ];
  } finally {
    await ours.close();
    dir.remove();
    await PostgresEventStorageAdapter.dropEventTable({ connectionString: POSTGRES_URL, tableName });
    // The adapter keeps its connection pool open and offers no way to end it: a process that
    // should exit would wait for the pool's idle timeout. Its client (postgres.js) has end().
    await (theirs as unknown as { _sql: { end: () => Promise<void> } })._sql.end();
  }
}

/** The same event on both sides: a milestone report of a realistic size. */
const payload = (i: number) => ({
  milestoneId: randomUUID(),
  commitmentCode: 'ai-literacy',
  cycle: 1,
  summary: `Trained another group of staff, step ${i}`,
  actionUpdates: [{ actionId: 'a1', status: 'underway' }],
  evidenceUrls: [],
  reportedAt: '2026-01-01T00:00:00.000Z',
});
const metadata = {
  actor: { keyId: 'bench', role: 'participant' as const },
  correlationId: 'c',
  causationId: 'c',
};

function ourEvent(i: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'MilestoneReported',
    schemaVersion: 1,
    recordedAt: '2026-01-01T00:00:00.000Z',
    data: payload(i),
    metadata,
  };
}

function theirEvent(aggregateId: string, version: number) {
  return { aggregateId, version, type: 'MilestoneReported', payload: payload(version), metadata };
}

function theirGroupedEvent(
  adapter: PostgresEventStorageAdapter,
  aggregateId: string,
  version: number,
): GroupedEvent {
  const grouped = adapter.groupEvent(theirEvent(aggregateId, version));
  grouped.context = { eventStoreId: EVENT_STORE_ID };
  return grouped;
}

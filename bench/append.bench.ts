import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore, type EventToAppend } from '../libs/event-store/src';
import { interleave, quick, tempDir, type BenchRow } from './support';

/**
 * Appends through the event store port (head lookup, expected-revision check, hash chain, JSON)
 * against raw better-sqlite3 inserts of the same rows under the same pragmas, in the same run.
 */
export async function appendBench(): Promise<BenchRow[]> {
  const totalEvents = quick ? 2_000 : 20_000;
  const rounds = quick ? 3 : 5;
  const rows: BenchRow[] = [];
  for (const batch of [1, 100]) {
    const { ours, baseline } = await interleave(
      rounds,
      () => viaPort(totalEvents, batch),
      () => rawInserts(totalEvents, batch),
    );
    rows.push({
      bench: 'append',
      case: `${batch}-event appends`,
      ours,
      baseline,
      unit: 'events/s',
      ratio: ours / baseline,
      baselineName: 'raw better-sqlite3 inserts',
      goal: { on: 'ratio', atLeast: 0.8 },
    });
  }
  return rows;
}

function event(i: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'MilestoneReported',
    schemaVersion: 1,
    recordedAt: new Date().toISOString(),
    data: {
      milestoneId: randomUUID(),
      commitmentCode: 'ai-literacy',
      cycle: 1,
      summary: `Milestone ${i}`,
      actionUpdates: [],
      evidenceUrls: [],
    },
    metadata: {
      actor: { keyId: 'bench', role: 'participant', organisationId: 'org' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

async function viaPort(total: number, batch: number): Promise<number> {
  const dir = tempDir('pact-bench-port-');
  const store = new SqliteEventStore({ filename: join(dir.path, 'events.db') });
  const streams = 100;
  const revisions = new Array<number>(streams).fill(-1);
  const started = process.hrtime.bigint();
  for (let i = 0; i < total; i += batch) {
    const s = (i / batch) % streams;
    const events = Array.from({ length: batch }, (_, j) => event(i + j));
    const result = await store.append(
      `pledge-${s}`,
      events,
      revisions[s]! < 0 ? 'no-stream' : revisions[s]!,
    );
    revisions[s] = result.revision;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  dir.remove();
  return total / seconds;
}

function rawInserts(total: number, batch: number): Promise<number> {
  const dir = tempDir('pact-bench-raw-');
  const db = new Database(join(dir.path, 'events.db'));
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, schema_version INTEGER NOT NULL, recorded_at TEXT NOT NULL, data TEXT NOT NULL,
    metadata TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, schema_version, recorded_at, data, metadata, previous_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)',
  );
  const write = db.transaction((rows: unknown[][]) => rows.forEach((row) => insert.run(...row)));
  const streams = 100;
  const revisions = new Array<number>(streams).fill(-1);
  const hash = randomBytes(32).toString('hex');
  const started = process.hrtime.bigint();
  for (let i = 0; i < total; i += batch) {
    const s = (i / batch) % streams;
    const rows = Array.from({ length: batch }, (_, j) => {
      const e = event(i + j);
      revisions[s]! += 1;
      return [
        `pledge-${s}`,
        revisions[s],
        e.eventId,
        e.type,
        1,
        e.recordedAt,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
        hash,
        hash,
      ];
    });
    write.immediate(rows);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  dir.remove();
  return Promise.resolve(total / seconds);
}

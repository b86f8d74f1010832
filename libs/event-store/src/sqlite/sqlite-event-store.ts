import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import {
  expectState,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedState,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamCondition,
  type SubscribeOptions,
} from '../event-store.port';
import { canonicalJson, chainHashOf, GENESIS_HASH } from '../hash-chain';

export interface SqliteEventStoreOptions {
  readonly filename: string;
  /** FULL by default: audit data must survive power loss. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How often a live subscription looks for appends made by other processes on the same file. */
  readonly pollIntervalMs?: number;
  readonly busyTimeoutMs?: number;
}

/**
 * An event's row as read: the statements answer arrays in this column order (better-sqlite3's raw
 * mode), which spares an object per row; reading a 1,000-event stream costs about a quarter less.
 * A stream's read leaves out its stream id, which the caller gave: a string fewer per row.
 */
const STREAM_EVENT_COLUMNS =
  'position, revision, event_id, type, schema_version, recorded_at, data, metadata, previous_hash, hash';
const EVENT_COLUMNS = `${STREAM_EVENT_COLUMNS}, stream_id`;
type StreamEventRow = [
  position: number,
  revision: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  recordedAt: string,
  data: string,
  metadata: string,
  previousHash: string,
  hash: string,
];
type EventRow = [...StreamEventRow, streamId: string];

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  );
`;

const READ_BATCH = 500;

/** The embedded event store: one SQLite file in WAL mode, shareable by several processes. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly pollIntervalMs: number;
  private readonly statements;
  private readonly appendTransaction;
  private readonly groupTransaction;
  /** Appends waiting for the next group commit. */
  private pending: {
    readonly streamId: string;
    readonly events: readonly EventToAppend[];
    readonly expected: ExpectedState;
    readonly conditions: readonly StreamCondition[];
    readonly resolve: (result: AppendResult) => void;
    readonly reject: (error: unknown) => void;
  }[] = [];

  constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.filename);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.exec(SCHEMA);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.appended.setMaxListeners(0);
    this.statements = {
      head: this.db.prepare<[string], { revision: number; hash: string }>(
        'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      byEventId: this.db.prepare<
        [string],
        { stream_id: string; revision: number; position: number }
      >('SELECT stream_id, revision, position FROM events WHERE event_id = ?'),
      insert: this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, schema_version, recorded_at, data, metadata, previous_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      forwards: this.db
        .prepare<[string, number, number], StreamEventRow>(
          `SELECT ${STREAM_EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
        )
        .raw(true),
      backwards: this.db
        .prepare<[string, number, number], StreamEventRow>(
          `SELECT ${STREAM_EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
        )
        .raw(true),
      all: this.db
        .prepare<[number, number], EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
        )
        .raw(true),
      headPosition: this.db.prepare<[], { position: number | null }>(
        'SELECT MAX(position) AS position FROM events',
      ),
      countAfter: this.db.prepare<[number, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM (SELECT 1 FROM events WHERE position > ? LIMIT ?)',
      ),
    };
    this.appendTransaction = this.db.transaction(
      (
        streamId: string,
        events: readonly EventToAppend[],
        expected: ExpectedState,
        conditions: readonly StreamCondition[],
      ) => this.appendInTransaction(streamId, events, expected, conditions),
    );
    this.groupTransaction = this.db.transaction((write: () => void) => write());
  }

  /**
   * Group commit: the appends asked for in one turn of the event loop (concurrent commands) are
   * written in one transaction, each in a savepoint of its own, so they share one fsync. Each is
   * checked against its expected state in order, as if alone: a conflict rolls back that append
   * only. Every promise settles once the transaction is committed, so nothing is acknowledged
   * before it is durable.
   */
  append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
    conditions: readonly StreamCondition[] = [],
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ streamId, events, expected, conditions, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  private commitPending(): void {
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    if (!this.db.open) {
      for (const append of group) append.reject(new Error('The event store is closed'));
      return;
    }
    if (group.length === 1) {
      // Alone in its turn: its own transaction, without a savepoint.
      const [{ streamId, events, expected, conditions, resolve, reject }] = group as [
        (typeof group)[0],
      ];
      try {
        const result = this.appendTransaction.immediate(streamId, events, expected, conditions);
        resolve(result);
        this.appended.emit('append', result.position);
      } catch (error) {
        reject(error);
      }
      return;
    }
    const outcomes: ({ result: AppendResult } | { error: unknown })[] = [];
    try {
      this.groupTransaction.immediate(() => {
        for (const { streamId, events, expected, conditions } of group) {
          try {
            // Nested: a savepoint, rolled back alone when this append is refused.
            outcomes.push({
              result: this.appendTransaction(streamId, events, expected, conditions),
            });
          } catch (error) {
            outcomes.push({ error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed (the disk, a lock held too long): none of the group was written.
      for (const append of group) append.reject(error);
      return;
    }
    let last: bigint | undefined;
    group.forEach((append, i) => {
      const outcome = outcomes[i]!;
      if ('error' in outcome) return append.reject(outcome.error);
      append.resolve(outcome.result);
      if (last === undefined || outcome.result.position > last) last = outcome.result.position;
    });
    if (last !== undefined) this.appended.emit('append', last);
  }

  private appendInTransaction(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
    conditions: readonly StreamCondition[],
  ): AppendResult {
    if (events.length === 0) throw new Error('Nothing to append');
    const retried = this.alreadyAppended(streamId, events);
    if (retried) return retried;
    const head = this.statements.head.get(streamId);
    expectState(streamId, expected, head?.revision ?? 'no-stream');
    // In the same transaction as the write: no other append can come between check and write.
    for (const condition of conditions) {
      const other = this.statements.head.get(condition.streamId);
      expectState(condition.streamId, condition.expected, other?.revision ?? 'no-stream');
    }
    let revision = head ? head.revision : -1;
    let previousHash = head ? head.hash : GENESIS_HASH;
    let position = 0;
    for (const event of events) {
      revision += 1;
      // Stored as canonical JSON, the very strings the hash covers: each is serialised once.
      const data = canonicalJson(event.data);
      const metadata = canonicalJson(event.metadata);
      const { eventId, type, schemaVersion, recordedAt } = event;
      const envelope = { streamId, revision, eventId, type, schemaVersion, recordedAt };
      const hash = chainHashOf(previousHash, envelope, data, metadata);
      // Positional parameters: binding by name costs more per row.
      const info = this.statements.insert.run(
        streamId,
        revision,
        eventId,
        type,
        schemaVersion,
        recordedAt,
        data,
        metadata,
        previousHash,
        hash,
      );
      position = Number(info.lastInsertRowid);
      previousHash = hash;
    }
    return { revision, position: BigInt(position) };
  }

  /**
   * A retried append (same event ids, same stream) is answered with what the first one wrote.
   * A batch is written whole or not at all, so its first id tells whether it was written.
   */
  private alreadyAppended(
    streamId: string,
    events: readonly EventToAppend[],
  ): AppendResult | undefined {
    if (!this.statements.byEventId.get(events[0]!.eventId)) return undefined;
    const stored = events.map((event) => this.statements.byEventId.get(event.eventId));
    const last = stored[stored.length - 1];
    if (stored.every((row) => row?.stream_id === streamId) && last) {
      return { revision: last.revision, position: BigInt(last.position), retried: true };
    }
    throw new Error(`Event ids of this append are already stored elsewhere (stream ${streamId})`);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.statements.backwards.all(
            streamId,
            options.fromRevision ?? Number.MAX_SAFE_INTEGER,
            maxCount,
          )
        : this.statements.forwards.all(streamId, options.fromRevision ?? 0, maxCount);
    return Promise.resolve(rows.map((row) => toRecordedEvent(row, streamId)));
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return Promise.resolve(this.readAllSync(options.after ?? 0n, options.maxCount ?? READ_BATCH));
  }

  private readAllSync(after: bigint, maxCount: number): RecordedEvent[] {
    return this.statements.all
      .all(Number(after), maxCount)
      .map((row) => toRecordedEvent(row, row[10]));
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    let position = options.after ?? 0n;
    const signal = options.signal;
    while (!signal?.aborted) {
      const batch = this.readAllSync(position, READ_BATCH);
      for (const event of batch) {
        if (signal?.aborted) return;
        yield event;
        position = event.position;
      }
      if (batch.length < READ_BATCH) await this.waitForAppend(position, signal);
    }
  }

  /** Resolves on an append in this process, after a poll interval (other processes), or on abort. */
  private waitForAppend(position: bigint, signal: AbortSignal | undefined): Promise<void> {
    // An append may have landed between the last read and now: look before listening.
    if (signal?.aborted || this.headPositionSync() > position) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('append', onAppend);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const onAppend = (appendedAt: bigint) => {
        if (appendedAt > position) done();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.appended.on('append', onAppend);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  headPosition(): Promise<bigint> {
    return Promise.resolve(this.headPositionSync());
  }

  countAfter(after: bigint, cap: number): Promise<number> {
    return Promise.resolve(this.statements.countAfter.get(Number(after), cap)!.n);
  }

  private headPositionSync(): bigint {
    return BigInt(this.statements.headPosition.get()?.position ?? 0);
  }

  close(): Promise<void> {
    // Appends already asked for are written (or refused) before the file closes.
    if (this.pending.length > 0) this.commitPending();
    this.appended.removeAllListeners();
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  /** The underlying connection, for tests and benchmarks that inspect the file. */
  get database(): Database.Database {
    return this.db;
  }
}

function toRecordedEvent(
  [
    position,
    revision,
    eventId,
    type,
    schemaVersion,
    recordedAt,
    data,
    metadata,
    previousHash,
    hash,
  ]: StreamEventRow | EventRow,
  streamId: string,
): RecordedEvent {
  return {
    streamId,
    revision,
    position: BigInt(position),
    eventId,
    type,
    schemaVersion,
    recordedAt,
    data: JSON.parse(data) as unknown,
    metadata: JSON.parse(metadata) as RecordedEvent['metadata'],
    previousHash,
    hash,
  };
}

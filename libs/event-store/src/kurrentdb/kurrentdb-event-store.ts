import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  UnavailableError,
} from '@kurrent/kurrentdb-client';
import {
  expectState,
  WrongExpectedVersionError,
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
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { CheckpointTracker } from './checkpoint-tracker';
import {
  earlierAppend,
  readPage,
  readStreamPage,
  SEARCH_BACK,
  type Scanned,
  type ScannedRevision,
} from './kurrentdb-paging';
import {
  fromPosition,
  mapAppendError,
  toEventData,
  toPosition,
  toRecordedEvent,
  toStreamState,
  type StoredMetadata,
} from './kurrentdb-mapping';

const READ_BATCH = 500;
/** A read that has not answered by then fails (so /health answers within its own timeout). */
const READ_DEADLINE_MS = 10_000;
/** How often, at most, a client that found the server unreachable is replaced. */
const RECREATE_AFTER_MS = 5_000;
/** `any` and `exists` appends that lose a race try again this many times. */
const APPEND_RETRIES = 10;
const MAX_BACKOFF_MS = 10_000;
/** How many matching events the server scans between checkpoints (a multiple of its page size). */
const CHECKPOINT_INTERVAL = 32;

export interface KurrentDbOptions {
  readonly log?: (message: string) => void;
  /** For tests: how a client is made (the connection string's, by default) and the clock. */
  readonly createClient?: () => KurrentDBClient;
  readonly now?: () => number;
  readonly recreateAfterMs?: number;
}

/**
 * The event store port on EventStoreDB 20.10+ / KurrentDB, through the official client. Streams,
 * revisions and the global log are the server's; the hash chain and the port's metadata travel in
 * each event's metadata, so history and verification read the same as on SQLite.
 */
export class KurrentDbEventStore implements EventStore {
  private client: KurrentDBClient;
  private readonly log: (message: string) => void;
  private readonly createClient: () => KurrentDBClient;
  private readonly now: () => number;
  private readonly recreateAfterMs: number;
  private createdAt: number;
  private unreachable?: number;

  constructor(connectionString: string, options: KurrentDbOptions = {}) {
    this.createClient =
      options.createClient ?? (() => KurrentDBClient.connectionString(connectionString));
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
    this.recreateAfterMs = options.recreateAfterMs ?? RECREATE_AFTER_MS;
    this.client = this.createClient();
    this.createdAt = this.now();
  }

  /** Since when (epoch ms) every call has found the server unreachable; undefined while it answers. */
  get unreachableSince(): number | undefined {
    return this.unreachable;
  }

  /**
   * Runs a call on the client. The client gives up for good when its first connection fails, so a
   * process started while the server was down would never read again: after an UnavailableError the
   * client is replaced, at most once per `recreateAfterMs`.
   */
  private async call<T>(operation: (client: KurrentDBClient) => Promise<T>): Promise<T> {
    try {
      const result = await operation(this.client);
      this.unreachable = undefined;
      return result;
    } catch (error) {
      if (error instanceof UnavailableError) this.noteUnavailable();
      throw error;
    }
  }

  private noteUnavailable(): void {
    const now = this.now();
    this.unreachable ??= now;
    if (now - this.createdAt < this.recreateAfterMs) return;
    const stale = this.client;
    this.client = this.createClient();
    this.createdAt = now;
    void stale.dispose().catch(() => undefined);
    this.log('KurrentDB unreachable: a new client will connect on the next call');
  }

  /**
   * Appends at the exact head read (the chain is computed from it). `any` and `exists` appends that
   * lose a race to another writer read the new head and try again; a numeric or `no-stream`
   * expectation that no longer holds is the caller's conflict.
   *
   * Conditions on other streams are checked on the leader just before the write. The server's
   * append is conditional on its own stream only, so unlike on SQLite a write to a condition's
   * stream can still land between that check and this write: a window of one round trip, where
   * without the check it would be the whole command.
   */
  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
    conditions: readonly StreamCondition[] = [],
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('Nothing to append');
    const retries = expected === 'any' || expected === 'exists' ? APPEND_RETRIES : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.appendOnce(streamId, events, expected, conditions);
      } catch (error) {
        if (!(error instanceof HeadMoved)) throw error;
        if (attempt >= retries) throw error.cause;
      }
    }
  }

  private async appendOnce(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
    conditions: readonly StreamCondition[],
  ): Promise<AppendResult> {
    const tailOf = (id: string, maxCount: number) =>
      this.call((client) => this.scanStreamTail(client, id, maxCount));
    // The conditions' streams are read alongside this one's tail: no round trip of their own.
    const [tail, heads] = await Promise.all([
      tailOf(streamId, SEARCH_BACK + events.length),
      Promise.all(conditions.map((condition) => tailOf(condition.streamId, 1))),
    ]);
    const own = tail.flatMap((item) => (item.event ? [item.event] : []));
    const retried = earlierAppend(own, events, streamId);
    if (retried) return retried;
    const actual = tail[0]?.revision ?? 'no-stream';
    expectState(streamId, expected, actual);
    conditions.forEach((condition, i) =>
      expectState(condition.streamId, condition.expected, heads[i]![0]?.revision ?? 'no-stream'),
    );
    // The chain goes on from this store's newest event, whatever another writer put after it.
    const chained = own[0];

    let previousHash = chained ? chained.hash : GENESIS_HASH;
    let revision = actual === 'no-stream' ? -1 : actual;
    const data = events.map((event) => {
      revision += 1;
      const hash = chainHash(previousHash, { ...event, streamId, revision });
      const metadata: StoredMetadata = {
        ...event.metadata,
        schemaVersion: event.schemaVersion,
        recordedAt: event.recordedAt,
        previousHash,
        hash,
      };
      previousHash = hash;
      return toEventData({ ...event, metadata });
    });
    try {
      // Always the exact head read: the chain was computed from it, whatever the caller expected.
      const result = await this.call((client) =>
        client.appendToStream(streamId, data, {
          streamState: actual === 'no-stream' ? NO_STREAM : toStreamState(actual),
        }),
      );
      return {
        revision: Number(result.nextExpectedRevision),
        position: fromPosition(result.position),
      };
    } catch (error) {
      const mapped = mapAppendError(error, streamId, expected);
      if (mapped instanceof WrongExpectedVersionError) throw new HeadMoved(mapped);
      throw mapped;
    }
  }

  /** The stream's newest events, newest first, this store's and any other writer's alike. */
  private async scanStreamTail(
    client: KurrentDBClient,
    streamId: string,
    maxCount: number,
  ): Promise<ScannedRevision[]> {
    const scanned: ScannedRevision[] = [];
    // Reads that precede a write go to the leader: a follower may not have the head yet.
    const tail = scanStream(client, streamId, true, undefined, maxCount, { requiresLeader: true });
    for await (const item of orNothing(tail)) scanned.push(item);
    return scanned;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.call((client) => this.readStreamOnce(client, streamId, options));
  }

  private async readStreamOnce(
    client: KurrentDBClient,
    streamId: string,
    options: ReadStreamOptions,
  ): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const window = (from: number | undefined, count?: number) =>
      orNothing(scanStream(client, streamId, backwards, from, count));
    if (options.maxCount !== undefined)
      return readStreamPage(window, options.fromRevision, backwards, options.maxCount);
    const events: RecordedEvent[] = [];
    for await (const item of window(options.fromRevision)) if (item.event) events.push(item.event);
    return events;
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.call((client) => this.readAllOnce(client, options));
  }

  private readAllOnce(client: KurrentDBClient, options: ReadAllOptions): Promise<RecordedEvent[]> {
    const window = async function* (from: bigint, count: number): AsyncIterable<Scanned> {
      for await (const resolved of client.readAll({
        fromPosition: from === 0n ? START : toPosition(from),
        maxCount: count,
        filter: excludeSystemEvents(),
        deadline: READ_DEADLINE_MS,
      })) {
        if (!resolved.event) continue;
        const event = toRecordedEvent(resolved.event);
        yield { position: fromPosition(resolved.event.position), ...(event ? { event } : {}) };
      }
    };
    return readPage(window, options.after ?? 0n, options.maxCount ?? READ_BATCH);
  }

  /**
   * Catch-up then live from `after`. A dropped subscription resumes, with backoff, after the last
   * event it delivered or the last checkpoint the server reported whose events were all consumed
   * (so a long run of filtered-out system events is not scanned again).
   */
  async *subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const signal = options.signal;
    const tracker = new CheckpointTracker(options.after ?? 0n);
    let failures = 0;
    while (!signal?.aborted) {
      const from = tracker.resumeAfter;
      let buffered = (): number => 0;
      const subscription = this.client.subscribeToAll({
        fromPosition: from === 0n ? START : toPosition(from),
        filter: excludeSystemEvents({
          checkpointInterval: CHECKPOINT_INTERVAL,
          checkpointReached: (_subscription, position) =>
            tracker.checkpoint(fromPosition(position), buffered()),
        }),
      });
      buffered = () => subscription.readableLength;
      const stop = () => void subscription.unsubscribe();
      signal?.addEventListener('abort', stop, { once: true });
      try {
        for await (const resolved of subscription) {
          const event = resolved.event && toRecordedEvent(resolved.event);
          const position = resolved.event?.position?.commit;
          if (position !== undefined) tracker.consumed(position);
          if (!event || event.position <= from) continue;
          failures = 0;
          yield event;
        }
        return;
      } catch (error) {
        if (signal?.aborted) return;
        if (error instanceof UnavailableError) this.noteUnavailable();
        failures += 1;
        const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** failures);
        this.log(
          `KurrentDB subscription dropped (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}); resuming after ${from} in ${delay} ms`,
        );
        await abortableDelay(delay, signal);
      } finally {
        signal?.removeEventListener('abort', stop);
        await subscription.unsubscribe().catch(() => undefined);
      }
    }
  }

  headPosition(): Promise<bigint> {
    return this.call((client) => this.headPositionOnce(client));
  }

  private async headPositionOnce(client: KurrentDBClient): Promise<bigint> {
    for await (const resolved of client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: excludeSystemEvents(),
      deadline: READ_DEADLINE_MS,
    })) {
      if (resolved.event) return fromPosition(resolved.event.position);
    }
    return 0n;
  }

  /** Reads the log after `after`, this store's events only, up to `cap` of them. */
  countAfter(after: bigint, cap: number): Promise<number> {
    return this.call(async (client) => {
      let counted = 0;
      for (let from = after; counted < cap;) {
        const page = await this.readAllOnce(client, {
          after: from,
          maxCount: Math.min(READ_BATCH, cap - counted),
        });
        if (page.length === 0) break;
        counted += page.length;
        from = page.at(-1)!.position;
      }
      return counted;
    });
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/** The server refused the append: another writer moved the head since it was read. */
class HeadMoved extends Error {
  constructor(override readonly cause: WrongExpectedVersionError) {
    super(cause.message);
  }
}

/** Waits `ms`, or less when the signal aborts first. */
function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Up to `count` events of a stream from revision `from` (undefined: its start, or its end when
 * backwards), as the server returns them: each with its revision, and the port's event when this
 * store wrote it.
 */
async function* scanStream(
  client: KurrentDBClient,
  streamId: string,
  backwards: boolean,
  from: number | undefined,
  count?: number,
  options: { requiresLeader?: boolean } = {},
): AsyncIterable<ScannedRevision> {
  for await (const resolved of client.readStream(streamId, {
    direction: backwards ? BACKWARDS : FORWARDS,
    fromRevision: from === undefined ? (backwards ? END : START) : BigInt(from),
    ...(count === undefined ? {} : { maxCount: count }),
    ...options,
    deadline: READ_DEADLINE_MS,
  })) {
    if (!resolved.event) continue;
    const event = toRecordedEvent(resolved.event);
    yield { revision: Number(resolved.event.revision), ...(event ? { event } : {}) };
  }
}

/** A stream that does not exist reads as empty. */
async function* orNothing<T>(items: AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* items;
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
}

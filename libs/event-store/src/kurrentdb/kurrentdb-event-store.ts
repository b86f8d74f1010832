import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
} from '@kurrent/kurrentdb-client';
import {
  satisfies,
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedState,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '../event-store.port';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { CheckpointTracker } from './checkpoint-tracker';
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
const MAX_BACKOFF_MS = 10_000;
/** How many matching events the server scans between checkpoints (a multiple of its page size). */
const CHECKPOINT_INTERVAL = 32;

/**
 * The event store port on EventStoreDB 20.10+ / KurrentDB, through the official client. Streams,
 * revisions and the global log are the server's; the hash chain and the port's metadata travel in
 * each event's metadata, so history and verification read the same as on SQLite.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;

  constructor(connectionString: string) {
    this.client = KurrentDBClient.connectionString(connectionString);
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('Nothing to append');
    const tail = await this.readStream(streamId, {
      direction: 'backwards',
      maxCount: events.length,
    });
    const retried = alreadyAppended(tail, events);
    if (retried) return retried;
    const head = tail[0];
    const actual = head ? head.revision : 'no-stream';
    if (!satisfies(expected, actual))
      throw new WrongExpectedVersionError(streamId, expected, actual);

    let previousHash = head ? head.hash : GENESIS_HASH;
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
      const result = await this.client.appendToStream(streamId, data, {
        streamState: head ? toStreamState(head.revision) : NO_STREAM,
      });
      return {
        revision: Number(result.nextExpectedRevision),
        position: fromPosition(result.position),
      };
    } catch (error) {
      throw mapAppendError(error, streamId, expected);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision:
          options.fromRevision === undefined
            ? backwards
              ? END
              : START
            : BigInt(options.fromRevision),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      })) {
        const event = resolved.event && toRecordedEvent(resolved.event);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0n;
    const maxCount = options.maxCount ?? READ_BATCH;
    const events: RecordedEvent[] = [];
    // The read starts at the position itself; one more is asked for to make up for skipping it.
    for await (const resolved of this.client.readAll({
      fromPosition: after === 0n ? START : toPosition(after),
      maxCount: maxCount + 1,
      filter: excludeSystemEvents(),
    })) {
      const event = resolved.event && toRecordedEvent(resolved.event);
      if (event && event.position > after) events.push(event);
      if (events.length === maxCount) break;
    }
    return events;
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
      } catch {
        if (signal?.aborted) return;
        failures += 1;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 100 * 2 ** failures)),
        );
      } finally {
        signal?.removeEventListener('abort', stop);
        await subscription.unsubscribe().catch(() => undefined);
      }
    }
  }

  async headPosition(): Promise<bigint> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: excludeSystemEvents(),
    })) {
      if (resolved.event) return fromPosition(resolved.event.position);
    }
    return 0n;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/** The result of an earlier append whose event ids are the stream's newest events, if it was one. */
function alreadyAppended(
  tailNewestFirst: readonly RecordedEvent[],
  events: readonly EventToAppend[],
): AppendResult | undefined {
  const tail = [...tailNewestFirst].reverse();
  if (tail.length !== events.length) return undefined;
  if (!tail.every((stored, i) => stored.eventId === events[i]!.eventId)) return undefined;
  const last = tail.at(-1)!;
  return { revision: last.revision, position: last.position };
}

import {
  NO_STREAM,
  STREAM_EXISTS,
  ANY,
  WrongExpectedVersionError as KurrentWrongExpectedVersion,
  type AppendStreamState,
  type EventData,
  type Position,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import {
  WrongExpectedVersionError,
  type EventMetadata,
  type ExpectedState,
  type RecordedEvent,
} from '../event-store.port';

/**
 * What KurrentDB keeps in an event's metadata: ours, plus what the port records beside it (schema
 * version, recording time, the hash chain), so the chain and the metadata are the same as on SQLite.
 */
export interface StoredMetadata extends EventMetadata {
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly previousHash: string;
  readonly hash: string;
}

export function toStreamState(expected: ExpectedState): AppendStreamState {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'exists') return STREAM_EXISTS;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

/**
 * A position of the port is the commit position in the transaction log. Each event of an append
 * has its own (non-transactional writes commit where they prepare), so it orders events uniquely.
 */
export function toPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}

export function fromPosition(position: Position | undefined): bigint {
  if (!position) throw new Error('KurrentDB returned an event without a position');
  return position.commit;
}

export function toEventData(event: {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: StoredMetadata;
}): EventData {
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as unknown as Record<string, unknown>,
  };
}

/** The port's view of a KurrentDB event; undefined for events this store did not write. */
export function toRecordedEvent(event: KurrentRecordedEvent): RecordedEvent | undefined {
  if (!event.isJson || event.type.startsWith('$') || event.streamId.startsWith('$'))
    return undefined;
  const stored = event.metadata as unknown as Partial<StoredMetadata> | undefined;
  if (!stored || typeof stored.hash !== 'string' || typeof stored.previousHash !== 'string')
    return undefined;
  const { schemaVersion, recordedAt, previousHash, hash, ...metadata } = stored as StoredMetadata;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: fromPosition(event.position),
    eventId: event.id,
    type: event.type,
    schemaVersion,
    recordedAt,
    data: event.data,
    metadata,
    previousHash,
    hash,
  };
}

/** The client's concurrency error as the port's; anything else passes through unchanged. */
export function mapAppendError(error: unknown, streamId: string, expected: ExpectedState): unknown {
  if (!(error instanceof KurrentWrongExpectedVersion)) return error;
  const actual = error.actualState;
  return new WrongExpectedVersionError(
    streamId,
    expected,
    typeof actual === 'bigint' ? Number(actual) : 'no-stream',
  );
}

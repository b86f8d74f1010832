import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError as KurrentWrongExpectedVersion,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { WrongExpectedVersionError } from '../event-store.port';
import {
  fromPosition,
  mapAppendError,
  toEventData,
  toPosition,
  toRecordedEvent,
  toStreamState,
  type StoredMetadata,
} from './kurrentdb-mapping';

const metadata: StoredMetadata = {
  actor: { keyId: 'k1', role: 'participant', organisationId: 'o1' },
  correlationId: 'c1',
  causationId: 'c0',
  idempotencyKey: 'i1',
  schemaVersion: 2,
  recordedAt: '2026-11-26T10:00:00.000Z',
  previousHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
};

const recorded = (overrides: Partial<KurrentRecordedEvent> = {}) =>
  ({
    streamId: 'pledge-1',
    id: 'e1',
    isJson: true,
    revision: 3n,
    type: 'PledgeSigned',
    created: new Date(),
    data: { pledgeId: '1' },
    metadata,
    position: { commit: 1234n, prepare: 1234n },
    ...overrides,
  }) as KurrentRecordedEvent;

describe('KurrentDB mapping (against the client’s own types)', () => {
  it('maps each expected state to a stream state', () => {
    expect(toStreamState('no-stream')).toBe(NO_STREAM);
    expect(toStreamState('exists')).toBe(STREAM_EXISTS);
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState(7)).toBe(7n);
  });

  it('uses the commit position as the port’s global position, and back', () => {
    expect(toPosition(42n)).toEqual({ commit: 42n, prepare: 42n });
    expect(fromPosition({ commit: 42n, prepare: 40n })).toBe(42n);
    expect(() => fromPosition(undefined)).toThrow(/without a position/);
  });

  it('writes JSON events under the port’s event id with the chain in the metadata', () => {
    expect(toEventData({ eventId: 'e1', type: 'T', data: { a: 1 }, metadata })).toEqual({
      id: 'e1',
      contentType: 'application/json',
      type: 'T',
      data: { a: 1 },
      metadata,
    });
  });

  it('reads an event back as the port records it', () => {
    expect(toRecordedEvent(recorded())).toEqual({
      streamId: 'pledge-1',
      revision: 3,
      position: 1234n,
      eventId: 'e1',
      type: 'PledgeSigned',
      schemaVersion: 2,
      recordedAt: '2026-11-26T10:00:00.000Z',
      data: { pledgeId: '1' },
      metadata: {
        actor: metadata.actor,
        correlationId: 'c1',
        causationId: 'c0',
        idempotencyKey: 'i1',
      },
      previousHash: metadata.previousHash,
      hash: metadata.hash,
    });
  });

  it('ignores system events and events this store did not write', () => {
    expect(toRecordedEvent(recorded({ type: '$metadata' }))).toBeUndefined();
    expect(toRecordedEvent(recorded({ streamId: '$stats-127.0.0.1:2113' }))).toBeUndefined();
    expect(toRecordedEvent(recorded({ metadata: { other: true } }))).toBeUndefined();
  });

  it('turns the client’s concurrency error into the port’s, with the actual revision', () => {
    const conflict = new KurrentWrongExpectedVersion(undefined, {
      streamName: 'pledge-1',
      expected: 2n,
      current: 5n,
    });
    const mapped = mapAppendError(conflict, 'pledge-1', 2);
    expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
    expect(mapped).toMatchObject({ streamId: 'pledge-1', expected: 2, actual: 5 });
    const missing = new KurrentWrongExpectedVersion(undefined, {
      streamName: 'pledge-2',
      expected: STREAM_EXISTS,
      current: NO_STREAM,
    });
    expect(mapAppendError(missing, 'pledge-2', 'exists')).toMatchObject({ actual: 'no-stream' });
    const other = new Error('unavailable');
    expect(mapAppendError(other, 'pledge-1', 2)).toBe(other);
  });
});

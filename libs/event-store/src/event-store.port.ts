/** Who caused an event. `system` is the product itself (the reminder worker, say). */
export interface Actor {
  readonly keyId: string;
  readonly role: 'admin' | 'reviewer' | 'analyst' | 'participant' | 'system';
  readonly organisationId?: string;
}

/** Stored with every event and covered by its hash; never holds a secret. */
export interface EventMetadata {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  readonly idempotencyKey?: string;
}

export interface EventToAppend {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends EventToAppend {
  readonly streamId: string;
  /** Zero-based revision within the stream. */
  readonly revision: number;
  /** Global log position; strictly increasing in commit order. */
  readonly position: bigint;
  readonly previousHash: string;
  readonly hash: string;
}

/** `no-stream`, `exists`, `any`, or the revision of the stream's last event. */
export type ExpectedState = 'no-stream' | 'exists' | 'any' | number;

/**
 * Another stream an append's decision read (an organisation's roles, for a pledge's commitment): the
 * append goes through only if that stream is still as expected, checked in the append's own atomic
 * step, so two decisions that each read the other's stream cannot both be written on stale reads.
 */
export interface StreamCondition {
  readonly streamId: string;
  readonly expected: ExpectedState;
}

export interface AppendResult {
  /** Revision of the last event written. */
  readonly revision: number;
  /** Global position of the last event written. */
  readonly position: bigint;
  /**
   * Set when the append's event ids were stored already (a retry): nothing was written, and the
   * revision and position are those of the earlier append's last event.
   */
  readonly retried?: true;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Defaults to the start of the log. */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: the checkpoint of the subscriber. */
  readonly after?: bigint;
  readonly signal?: AbortSignal;
}

/**
 * The event store port. Adapters append atomically per call, keep a per-stream hash chain, and
 * treat an append whose event ids are already stored in the stream as already done.
 */
export interface EventStore {
  /**
   * Appends if the stream is as `expected` and each of `conditions` holds; otherwise throws a
   * `WrongExpectedVersionError` naming the stream that is not as expected, and writes nothing.
   */
  append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
    conditions?: readonly StreamCondition[],
  ): Promise<AppendResult>;
  /** An empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up from `after`, then live, until the signal aborts. */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** Position of the last event in the log, 0n when empty. */
  headPosition(): Promise<bigint>;
  /**
   * How many events the log holds after `after`, counted up to `cap` (positions are not counts: on
   * KurrentDB they are byte offsets in the log).
   */
  countAfter(after: bigint, cap: number): Promise<number>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedState,
    /** Revision of the stream's last event, or `no-stream`. */
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamId}: expected ${String(expected)}, actual ${String(actual)}`);
  }
}

export function satisfies(expected: ExpectedState, actual: number | 'no-stream'): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === 'no-stream';
  if (expected === 'exists') return actual !== 'no-stream';
  return actual === expected;
}

/** Throws a `WrongExpectedVersionError` unless the stream is in the state expected. */
export function expectState(
  streamId: string,
  expected: ExpectedState,
  actual: number | 'no-stream',
): void {
  if (!satisfies(expected, actual)) throw new WrongExpectedVersionError(streamId, expected, actual);
}

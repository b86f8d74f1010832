/** A read-model document: plain JSON with a string `_id`. */
export interface ReadDocument {
  readonly _id: string;
  readonly [field: string]: unknown;
}

/** Replace a document (or delete it, with `document: null`), written by the projection at `position`. */
export interface DocumentChange {
  readonly collection: string;
  readonly id: string;
  readonly document: ReadDocument | null;
}

export interface ProjectionCheckpoint {
  readonly name: string;
  readonly position: bigint;
  readonly status: 'running' | 'stopped';
}

export interface DeadLetter {
  readonly projection: string;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly error: string;
  readonly failedAt: string;
}

/** A MongoDB aggregation pipeline: the one query language of both engines. */
export type Pipeline = readonly Record<string, unknown>[];

/**
 * The read store port. Queries are MongoDB aggregation pipelines run by MongoDB itself or by mingo
 * in process. Writes come from the projector only, in batches that carry their checkpoint: on the
 * embedded store atomically, on MongoDB guarded by each document's last applied position.
 */
export interface ReadStore {
  aggregate<T = ReadDocument>(collection: string, pipeline: Pipeline): Promise<T[]>;
  findById<T = ReadDocument>(collection: string, id: string): Promise<T | undefined>;

  commit(projection: string, changes: readonly DocumentChange[], position: bigint): Promise<void>;
  checkpoint(projection: string): Promise<ProjectionCheckpoint>;
  checkpoints(): Promise<ProjectionCheckpoint[]>;
  setStatus(projection: string, status: ProjectionCheckpoint['status']): Promise<void>;

  addDeadLetter(letter: DeadLetter): Promise<void>;
  deadLetters(): Promise<DeadLetter[]>;
  removeDeadLetter(projection: string, position: string): Promise<void>;

  /** Replaces each `collection` by `collection + suffix` at once and moves the checkpoint over. */
  swap(collections: readonly string[], suffix: string, projection: string): Promise<void>;
  /** Drops collections and the checkpoint of a projection (a rebuild that was abandoned or replaced). */
  drop(collections: readonly string[], projection: string): Promise<void>;
  ensureIndexes(indexes: readonly IndexSpec[]): Promise<void>;
  close(): Promise<void>;
}

export const READ_STORE = Symbol('ReadStore');

/** An index the MongoDB store creates for a collection; the embedded store needs none. */
export interface IndexSpec {
  readonly collection: string;
  readonly keys: Readonly<Record<string, 1 | -1>>;
}

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

/**
 * An operation on the projections asked of the process that runs them (the lease holder): the API
 * and the CLI queue it beside the read models instead of rebuilding under a running projector.
 */
export interface ProjectionOperation {
  readonly id: string;
  readonly kind: 'rebuild' | 'replay-dead-letters';
  /** The projection to rebuild. */
  readonly name?: string;
  readonly requestedAt: string;
  readonly status: 'pending' | 'done' | 'failed';
  /** What a replay replayed. */
  readonly replayed?: readonly string[];
  readonly error?: string;
  readonly finishedAt?: string;
}

/** A MongoDB aggregation pipeline: the one query language of both engines. */
export type Pipeline = readonly Record<string, unknown>[];

/**
 * The field every stored document reserves for the position of the batch that last wrote it: an
 * integer (SQLite INTEGER, BSON int64) on both engines. Projections never write it (`commit` sets
 * it), reads never return it, and `appliedPosition` gives it.
 */
export const POSITION_FIELD = '_position';

/**
 * The read store port. Queries are MongoDB aggregation pipelines run by MongoDB itself or by mingo
 * in process. Writes come from the projector only, in batches that carry their checkpoint and, on
 * both engines, commit atomically with it; each written document records the batch's position in
 * the reserved `_position`, and a write never replaces a document a later batch wrote.
 */
export interface ReadStore {
  aggregate<T = ReadDocument>(collection: string, pipeline: Pipeline): Promise<T[]>;
  findById<T = ReadDocument>(collection: string, id: string): Promise<T | undefined>;
  /** The position of the batch that last wrote the document (`_position`); undefined when there is none. */
  appliedPosition(collection: string, id: string): Promise<bigint | undefined>;
  /**
   * A page of the documents matching a filter, in a total order from a keyset on, with the number of
   * all matches: served by the declared indexes.
   */
  page(collection: string, query: FindQuery): Promise<FoundPage>;
  count(collection: string, filter: Readonly<Record<string, unknown>>): Promise<number>;

  commit(projection: string, changes: readonly DocumentChange[], position: bigint): Promise<void>;
  checkpoint(projection: string): Promise<ProjectionCheckpoint>;
  checkpoints(): Promise<ProjectionCheckpoint[]>;
  setStatus(projection: string, status: ProjectionCheckpoint['status']): Promise<void>;

  addDeadLetter(letter: DeadLetter): Promise<void>;
  deadLetters(): Promise<DeadLetter[]>;
  removeDeadLetter(projection: string, position: string): Promise<void>;

  /** Queues an operation for the running projector; `pendingOperations` lists them oldest first. */
  requestOperation(operation: ProjectionOperation): Promise<void>;
  operation(id: string): Promise<ProjectionOperation | undefined>;
  pendingOperations(): Promise<ProjectionOperation[]>;
  finishOperation(operation: ProjectionOperation): Promise<void>;

  /** Replaces each `collection` by `collection + suffix` at once and moves the checkpoint over. */
  swap(collections: readonly string[], suffix: string, projection: string): Promise<void>;
  /** Drops collections and the checkpoint of a projection (a rebuild that was abandoned or replaced). */
  drop(collections: readonly string[], projection: string): Promise<void>;
  ensureIndexes(indexes: readonly IndexSpec[]): Promise<void>;
  close(): Promise<void>;
}

export const READ_STORE = Symbol('ReadStore');

/**
 * An index of a collection: equality fields first, then the sort fields, ending in `_id` (added in
 * the last field's direction when left out). MongoDB creates it; the embedded store keeps it in
 * memory. Both walk it for the finds and counts whose filter fixes its leading fields.
 */
export interface IndexSpec {
  readonly collection: string;
  readonly keys: Readonly<Record<string, 1 | -1>>;
}

/**
 * A page of a collection. The order is `sort` then `_id`, in the direction of the sort's last field
 * (so one index serves it forwards and backwards). `after` is the sort key (the sort fields' values,
 * then `_id`) of the last document already seen; a page starts after it. Sort fields must be present
 * on every document the filter matches.
 */
export interface FindQuery {
  readonly filter: Readonly<Record<string, unknown>>;
  readonly sort: Readonly<Record<string, 1 | -1>>;
  readonly after?: readonly unknown[];
  readonly skip?: number;
  readonly limit: number;
}

export interface FoundPage {
  readonly documents: ReadDocument[];
  /** Every document the filter matches, wherever the page starts. */
  readonly total: number;
}

/** The sort with `_id` last, in the direction of the sort's last field: the total order of a find. */
export function totalOrder(sort: Readonly<Record<string, 1 | -1>>): [string, 1 | -1][] {
  const entries = Object.entries(sort);
  if (entries[entries.length - 1]?.[0] !== '_id')
    entries.push(['_id', entries[entries.length - 1]?.[1] ?? 1]);
  return entries;
}

/** A document's key in the total order of `sort`: the `after` of the page that follows it. */
export function keysetOf(
  document: ReadDocument,
  sort: Readonly<Record<string, 1 | -1>>,
): unknown[] {
  return totalOrder(sort).map(([field]) => document[field]);
}

/** The keyset filter of `after` under a total order: documents strictly after that key. */
export function afterFilter(
  order: readonly [string, 1 | -1][],
  after: readonly unknown[],
): Record<string, unknown> {
  const branches = order.map(([field, direction], i) => ({
    ...Object.fromEntries(order.slice(0, i).map(([f], j) => [f, after[j]])),
    [field]: { [direction === 1 ? '$gt' : '$lt']: after[i] },
  }));
  return { $or: branches };
}

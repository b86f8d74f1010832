import { connectTransactional } from './mongo-connection';
import {
  Long,
  type MongoClient,
  type AnyBulkWriteOperation,
  type ClientSession,
  type Db,
  type Document,
} from 'mongodb';
import {
  afterFilter,
  totalOrder,
  type DeadLetter,
  type DocumentChange,
  type FindQuery,
  type FoundPage,
  type IndexSpec,
  type Pipeline,
  type ProjectionCheckpoint,
  type ProjectionOperation,
  type ReadDocument,
  type ReadStore,
} from '../read-store.port';
import { POSITION_FIELD } from '../read-store.port';

const CHECKPOINTS = 'projection_checkpoints';
const DEAD_LETTERS = 'projection_dead_letters';
const OPERATIONS = 'projection_operations';

interface CheckpointDocument {
  _id: string;
  position: Long;
  status: 'running' | 'stopped';
}

/**
 * The production read store on the official driver. Pipelines pass through unchanged. Each document
 * records the position of the last event applied (`_position`) and writes are conditional on it, so a
 * replayed batch changes nothing; on a replica set the batch and its checkpoint share a transaction.
 */
export class MongoReadStore implements ReadStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    /** Whether `close` closes the client: not when the process shares it with other stores. */
    private readonly ownsClient: boolean,
  ) {}

  /** The declared indexes per collection, created again on a rebuilt collection before it goes live. */
  private readonly declared = new Map<string, Map<string, Record<string, 1 | -1>>>();

  /** Refuses a standalone server: documents and checkpoint commit in one transaction. */
  static async connect(url: string): Promise<MongoReadStore> {
    const client = await connectTransactional(url);
    return new MongoReadStore(client, client.db(), true);
  }

  /** On a client the process already connected (with `connectTransactional`), which it closes itself. */
  static on(client: MongoClient): MongoReadStore {
    return new MongoReadStore(client, client.db(), false);
  }

  /** The pipeline over the documents without their reserved `_position` (MongoDB moves a leading `$match` before the `$unset`). */
  async aggregate<T = ReadDocument>(collection: string, pipeline: Pipeline): Promise<T[]> {
    return (await this.db
      .collection(collection)
      .aggregate([{ $unset: POSITION_FIELD }, ...pipeline])
      .toArray()) as T[];
  }

  async findById<T = ReadDocument>(collection: string, id: string): Promise<T | undefined> {
    const found = await this.db
      .collection<Document>(collection)
      .findOne({ _id: id as never }, { projection: { [POSITION_FIELD]: 0 } });
    return (found ?? undefined) as T | undefined;
  }

  async appliedPosition(collection: string, id: string): Promise<bigint | undefined> {
    const found = await this.db
      .collection<Document>(collection)
      .findOne({ _id: id as never }, { projection: { [POSITION_FIELD]: 1 } });
    return found ? storedPosition(found[POSITION_FIELD]) : undefined;
  }

  async page(collection: string, query: FindQuery): Promise<FoundPage> {
    const order = totalOrder(query.sort);
    const filter = query.after
      ? { $and: [query.filter, afterFilter(order, query.after)] }
      : query.filter;
    const [documents, total] = await Promise.all([
      this.db
        .collection<Document>(collection)
        .find(filter, { projection: { [POSITION_FIELD]: 0 } })
        .sort(order)
        .skip(query.skip ?? 0)
        .limit(query.limit)
        .toArray(),
      this.count(collection, query.filter),
    ]);
    return { documents: documents as unknown as ReadDocument[], total };
  }

  count(collection: string, filter: Readonly<Record<string, unknown>>): Promise<number> {
    return this.db.collection(collection).countDocuments(filter);
  }

  async commit(
    projection: string,
    changes: readonly DocumentChange[],
    position: bigint,
  ): Promise<void> {
    const write = async (session?: ClientSession) => {
      // Guarded writes cannot fail on a newer document, so any error here is real: it propagates,
      // the transaction aborts, and the checkpoint does not move past unwritten documents.
      for (const [collection, operations] of groupByCollection(changes, position))
        await this.db.collection(collection).bulkWrite(operations, { ordered: false, session });
      await this.db
        .collection<CheckpointDocument>(CHECKPOINTS)
        .updateOne(
          { _id: projection },
          { $max: { position: Long.fromBigInt(position) }, $setOnInsert: { status: 'running' } },
          { upsert: true, session },
        );
    };
    const session = this.client.startSession();
    try {
      await session.withTransaction(() => write(session));
    } finally {
      await session.endSession();
    }
  }

  async checkpoint(projection: string): Promise<ProjectionCheckpoint> {
    const found = await this.db
      .collection<CheckpointDocument>(CHECKPOINTS)
      .findOne({ _id: projection });
    return toCheckpoint(projection, found);
  }

  async checkpoints(): Promise<ProjectionCheckpoint[]> {
    const all = await this.db.collection<CheckpointDocument>(CHECKPOINTS).find().toArray();
    return all.map((found) => toCheckpoint(found._id, found));
  }

  async setStatus(projection: string, status: ProjectionCheckpoint['status']): Promise<void> {
    await this.db
      .collection<CheckpointDocument>(CHECKPOINTS)
      .updateOne(
        { _id: projection },
        { $set: { status }, $setOnInsert: { position: Long.fromNumber(0) } },
        { upsert: true },
      );
  }

  async addDeadLetter(letter: DeadLetter): Promise<void> {
    const _id = `${letter.projection}:${letter.position}`;
    await this.db
      .collection<Document>(DEAD_LETTERS)
      .replaceOne({ _id: _id as never }, { ...letter }, { upsert: true });
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const found = await this.db
      .collection(DEAD_LETTERS)
      .find({}, { projection: { _id: 0 } })
      .toArray();
    return (found as unknown as DeadLetter[]).sort(
      (a, b) =>
        a.projection.localeCompare(b.projection) || Number(BigInt(a.position) - BigInt(b.position)),
    );
  }

  async removeDeadLetter(projection: string, position: string): Promise<void> {
    await this.db
      .collection<Document>(DEAD_LETTERS)
      .deleteOne({ _id: `${projection}:${position}` as never });
  }

  async requestOperation(operation: ProjectionOperation): Promise<void> {
    await this.db
      .collection<Document>(OPERATIONS)
      .updateOne(
        { _id: operation.id as never },
        { $setOnInsert: { ...operation } },
        { upsert: true },
      );
  }

  async operation(id: string): Promise<ProjectionOperation | undefined> {
    const found = await this.db
      .collection<Document>(OPERATIONS)
      .findOne({ _id: id as never }, { projection: { _id: 0 } });
    return (found ?? undefined) as ProjectionOperation | undefined;
  }

  async pendingOperations(): Promise<ProjectionOperation[]> {
    const found = await this.db
      .collection<Document>(OPERATIONS)
      .find({ status: 'pending' }, { projection: { _id: 0 } })
      .sort({ requestedAt: 1, id: 1 })
      .toArray();
    return found as unknown as ProjectionOperation[];
  }

  async finishOperation(operation: ProjectionOperation): Promise<void> {
    await this.db
      .collection<Document>(OPERATIONS)
      .replaceOne({ _id: operation.id as never }, { ...operation });
  }

  async swap(collections: readonly string[], suffix: string, projection: string): Promise<void> {
    for (const name of collections) {
      const exists = (await this.db.listCollections({ name: name + suffix }).toArray()).length > 0;
      // The rebuilt collection takes the live one's place: it gets the live one's indexes first.
      if (exists) await this.createIndexes(name + suffix, this.declared.get(name));
      if (exists) await this.db.renameCollection(name + suffix, name, { dropTarget: true });
      else await this.db.collection(name).deleteMany({});
    }
    const rebuilt = await this.checkpoint(projection + suffix);
    await this.db
      .collection<CheckpointDocument>(CHECKPOINTS)
      .replaceOne(
        { _id: projection },
        { position: Long.fromBigInt(rebuilt.position), status: 'running' },
        { upsert: true },
      );
    await this.db
      .collection<CheckpointDocument>(CHECKPOINTS)
      .deleteOne({ _id: projection + suffix });
  }

  async drop(collections: readonly string[], projection: string): Promise<void> {
    for (const name of collections)
      await this.db
        .collection(name)
        .drop()
        .catch(() => undefined);
    await this.db.collection<CheckpointDocument>(CHECKPOINTS).deleteOne({ _id: projection });
  }

  /**
   * Creates each declared index (equality fields, sort fields, `_id`) and drops the collection's
   * indexes no declaration names any more, so the planner only meets the ones the queries are for.
   */
  async ensureIndexes(indexes: readonly IndexSpec[]): Promise<void> {
    for (const { collection, keys } of indexes) {
      const declared = this.declared.get(collection) ?? new Map<string, Record<string, 1 | -1>>();
      const full = indexKeys(keys);
      declared.set(indexName(full), full);
      this.declared.set(collection, declared);
    }
    for (const [collection, declared] of this.declared)
      await this.createIndexes(collection, declared);
  }

  /** The names of a collection's indexes (for checks and operators). */
  async indexNames(collection: string): Promise<string[]> {
    const indexes = await this.db.collection(collection).indexes();
    return indexes.map((index) => index.name ?? '');
  }

  private async createIndexes(
    collection: string,
    declared: ReadonlyMap<string, Record<string, 1 | -1>> | undefined,
  ): Promise<void> {
    const target = this.db.collection(collection);
    for (const [name, keys] of declared ?? []) await target.createIndex(keys, { name });
    const existing = await target.indexes().catch(() => []);
    for (const index of existing)
      if (index.name && index.name !== '_id_' && !declared?.has(index.name))
        await target.dropIndex(index.name);
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }
}

/** An index's keys as created: the declared ones, then `_id` in the last one's direction. */
export function indexKeys(keys: Readonly<Record<string, 1 | -1>>): Record<string, 1 | -1> {
  return Object.fromEntries(totalOrder(keys));
}

/** The name MongoDB would give these keys (`status_1_signedAt_-1__id_-1`). */
export function indexName(keys: Readonly<Record<string, 1 | -1>>): string {
  return Object.entries(keys)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}

/**
 * Replace-or-delete operations that leave a document a later batch wrote as it is. A replacement is
 * an update pipeline keyed on `_id` alone that swaps the document in only when its stored position
 * is older (or missing), so an upsert never meets a duplicate key (E11000 would abort the
 * transaction); the new document is a `$literal`, so none of its strings is read as an expression.
 */
export function groupByCollection(
  changes: readonly DocumentChange[],
  position: bigint,
): Map<string, AnyBulkWriteOperation<Document>[]> {
  const at = Long.fromBigInt(position);
  const grouped = new Map<string, AnyBulkWriteOperation<Document>[]>();
  for (const change of changes) {
    const operation: AnyBulkWriteOperation<Document> = change.document
      ? {
          updateOne: {
            filter: { _id: change.id as never },
            update: [guardedReplacement(change.document, at)],
            upsert: true,
          },
        }
      : {
          deleteOne: {
            filter: {
              _id: change.id as never,
              $or: [{ [POSITION_FIELD]: { $lt: at } }, { [POSITION_FIELD]: { $exists: false } }],
            },
          },
        };
    grouped.set(change.collection, [...(grouped.get(change.collection) ?? []), operation]);
  }
  return grouped;
}

/** `$replaceWith` the new document, stamped with `at`, unless the stored one is as new or newer. */
export function guardedReplacement(document: ReadDocument, at: Long): Document {
  const { [POSITION_FIELD]: _reserved, ...fields } = document;
  return {
    $replaceWith: {
      $cond: {
        if: { $lt: [{ $ifNull: [`$${POSITION_FIELD}`, Long.fromNumber(-1)] }, at] },
        then: { $literal: { ...fields, [POSITION_FIELD]: at } },
        else: '$$ROOT',
      },
    },
  };
}

/** A stored `_position`: BSON int64 (a number when the driver promotes it, a Long when not). */
function storedPosition(value: unknown): bigint | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return BigInt(value);
  if (value instanceof Long) return value.toBigInt();
  return undefined;
}

function toCheckpoint(name: string, found: CheckpointDocument | null): ProjectionCheckpoint {
  return {
    name,
    position: found ? BigInt(found.position.toString()) : 0n,
    status: found?.status ?? 'running',
  };
}

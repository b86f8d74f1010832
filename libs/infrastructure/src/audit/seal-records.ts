import type { StreamHead } from '@pact/event-store';
import type Database from 'better-sqlite3';
import type { ClientSession, Collection, Db, MongoClient } from 'mongodb';

/** A stored seal: what it covers, and the MAC that authenticates it. */
export interface SealRecord {
  readonly id: number;
  readonly position: string;
  readonly sealedAt: string;
  readonly streams: number;
  readonly root: string;
  readonly mac: string;
}

export interface SealedHead extends StreamHead {
  readonly streamId: string;
}

/**
 * Where stream-head seals are kept: in SQLite beside the embedded stores, in MongoDB with the read
 * models (so every api replica verifies against the same seals).
 */
export interface SealRecords {
  latest(): Promise<SealRecord | undefined>;
  head(streamId: string): Promise<StreamHead | undefined>;
  /** Every sealed head, by stream id. */
  heads(): Promise<SealedHead[]>;
  /**
   * In one transaction: unless another seal was recorded since `baseId`, records the changed heads,
   * then the seal `make` computes over every head (ordered by stream id), and answers it.
   */
  commit(
    baseId: number | undefined,
    changed: ReadonlyMap<string, StreamHead>,
    make: (heads: readonly SealedHead[]) => Omit<SealRecord, 'id'>,
  ): Promise<SealRecord>;
}

/** Raised when another process sealed between the read and the commit: seal again. */
export class SealRace extends Error {
  constructor() {
    super('Another process sealed meanwhile; seal again');
  }
}

interface SealRow {
  id: number;
  position: number;
  sealed_at: string;
  streams: number;
  root: string;
  mac: string;
}

interface HeadRow {
  stream_id: string;
  revision: number;
  hash: string;
}

export class SqliteSealRecords implements SealRecords {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      latest: db.prepare<[], SealRow>('SELECT * FROM seals ORDER BY id DESC LIMIT 1'),
      head: db.prepare<[string], HeadRow>('SELECT * FROM seal_heads WHERE stream_id = ?'),
      heads: db.prepare<[], HeadRow>('SELECT * FROM seal_heads ORDER BY stream_id'),
      upsertHead: db.prepare(
        `INSERT INTO seal_heads (stream_id, revision, hash) VALUES (?, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash`,
      ),
      insert: db.prepare(
        'INSERT INTO seals (position, sealed_at, streams, root, mac) VALUES (?, ?, ?, ?, ?)',
      ),
    };
  }

  latest(): Promise<SealRecord | undefined> {
    const row = this.statements.latest.get();
    return Promise.resolve(row && toRecord(row));
  }

  head(streamId: string): Promise<StreamHead | undefined> {
    const row = this.statements.head.get(streamId);
    return Promise.resolve(row ? { revision: row.revision, hash: row.hash } : undefined);
  }

  heads(): Promise<SealedHead[]> {
    return Promise.resolve(this.statements.heads.all().map(toHead));
  }

  /** Async, so a refusal is a rejected promise like on MongoDB, never a synchronous throw. */
  async commit(
    baseId: number | undefined,
    changed: ReadonlyMap<string, StreamHead>,
    make: (heads: readonly SealedHead[]) => Omit<SealRecord, 'id'>,
  ): Promise<SealRecord> {
    await Promise.resolve();
    return this.db
      .transaction((): SealRecord => {
        if (this.statements.latest.get()?.id !== baseId) throw new SealRace();
        for (const [streamId, head] of changed)
          this.statements.upsertHead.run(streamId, head.revision, head.hash);
        const seal = make(this.statements.heads.all().map(toHead));
        const id = Number(
          this.statements.insert.run(
            Number(seal.position),
            seal.sealedAt,
            seal.streams,
            seal.root,
            seal.mac,
          ).lastInsertRowid,
        );
        return { id, ...seal };
      })
      .immediate();
  }
}

function toRecord(row: SealRow): SealRecord {
  return {
    id: row.id,
    position: String(row.position),
    sealedAt: row.sealed_at,
    streams: row.streams,
    root: row.root,
    mac: row.mac,
  };
}

const toHead = (row: HeadRow): SealedHead => ({
  streamId: row.stream_id,
  revision: row.revision,
  hash: row.hash,
});

interface SealDocument extends Omit<SealRecord, 'id'> {
  _id: number;
}

interface HeadDocument {
  _id: string;
  revision: number;
  hash: string;
}

/**
 * Seals in MongoDB. A seal's `_id` is the one before it plus one, inside a transaction, so of two
 * processes sealing at once one commits and the other meets a duplicate key or a write conflict.
 */
export class MongoSealRecords implements SealRecords {
  private readonly seals: Collection<SealDocument>;
  private readonly sealHeads: Collection<HeadDocument>;

  constructor(
    private readonly client: MongoClient,
    db: Db,
  ) {
    this.seals = db.collection<SealDocument>('seals');
    this.sealHeads = db.collection<HeadDocument>('seal_heads');
  }

  async latest(session?: ClientSession): Promise<SealRecord | undefined> {
    const found = await this.seals.find({}, { session }).sort({ _id: -1 }).limit(1).next();
    if (!found) return undefined;
    const { _id, ...seal } = found;
    return { id: _id, ...seal };
  }

  async head(streamId: string): Promise<StreamHead | undefined> {
    const found = await this.sealHeads.findOne({ _id: streamId });
    return found ? { revision: found.revision, hash: found.hash } : undefined;
  }

  async heads(session?: ClientSession): Promise<SealedHead[]> {
    const found = await this.sealHeads.find({}, { session }).sort({ _id: 1 }).toArray();
    return found.map((head) => ({ streamId: head._id, revision: head.revision, hash: head.hash }));
  }

  async commit(
    baseId: number | undefined,
    changed: ReadonlyMap<string, StreamHead>,
    make: (heads: readonly SealedHead[]) => Omit<SealRecord, 'id'>,
  ): Promise<SealRecord> {
    const session = this.client.startSession();
    try {
      let record: SealRecord | undefined;
      await session.withTransaction(async () => {
        if ((await this.latest(session))?.id !== baseId) throw new SealRace();
        if (changed.size > 0)
          await this.sealHeads.bulkWrite(
            [...changed].map(([streamId, head]) => ({
              replaceOne: {
                filter: { _id: streamId },
                replacement: { revision: head.revision, hash: head.hash },
                upsert: true,
              },
            })),
            { session },
          );
        const seal = make(await this.heads(session));
        const id = (baseId ?? 0) + 1;
        await this.seals.insertOne({ _id: id, ...seal }, { session });
        record = { id, ...seal };
      });
      return record!;
    } finally {
      await session.endSession();
    }
  }
}

import Database from 'better-sqlite3';
import { aggregate } from 'mingo';
import type {
  DeadLetter,
  DocumentChange,
  FindQuery,
  FoundPage,
  IndexSpec,
  Pipeline,
  ProjectionCheckpoint,
  ProjectionOperation,
  ReadDocument,
  ReadStore,
} from '../read-store.port';
import { POSITION_FIELD } from '../read-store.port';
import { MemoryIndex } from './query/memory-index';
import { count, findPage } from './query/query-planner';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS documents (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    body TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (collection, id)
  );
  CREATE TABLE IF NOT EXISTS checkpoints (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'running'
  );
  CREATE TABLE IF NOT EXISTS projection_operations (
    id TEXT PRIMARY KEY,
    requested_at TEXT NOT NULL,
    status TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS dead_letters (
    projection TEXT NOT NULL,
    position TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (projection, position)
  );
`;

/** A collection in memory: its documents, and the reserved `_position` of each (reads never return it). */
interface StoredCollection {
  readonly documents: Map<string, ReadDocument>;
  readonly positions: Map<string, number>;
}

/**
 * The embedded read store: every collection held in memory, persisted to SQLite so a restart resumes
 * from the checkpoint. Documents and checkpoint commit in one transaction. Finds and counts walk the
 * declared indexes (B+ trees in memory, built at a collection's first query and kept in step with
 * every commit); aggregation pipelines run in mingo. One process owns a file: the in-memory copy is
 * that process's.
 *
 * A projection's pages commit at `synchronous = NORMAL`: documents and checkpoint stay atomic, and a
 * page that a power loss takes back is projected again from the log, which is the record. What is
 * answered to someone (operation requests and outcomes, statuses, dead letters, swaps) commits at
 * the durability asked for, FULL unless told otherwise.
 */
export class EmbeddedReadStore implements ReadStore {
  private readonly db: Database.Database;
  private readonly collections = new Map<string, StoredCollection>();
  private readonly declared = new Map<string, Readonly<Record<string, 1 | -1>>[]>();
  private readonly indexes = new Map<string, MemoryIndex[]>();
  private readonly statements;

  constructor(
    filename: string,
    private readonly synchronous: 'FULL' | 'NORMAL' = 'FULL',
  ) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    // Freed pages are zeroed: a document replaced or deleted leaves none of its bytes in the file.
    this.db.pragma('secure_delete = ON');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(documents)').all();
    if (!columns.some((column) => column.name === 'position'))
      this.db.exec('ALTER TABLE documents ADD COLUMN position INTEGER NOT NULL DEFAULT 0');
    this.statements = {
      upsert: this.db.prepare(
        'INSERT OR REPLACE INTO documents (collection, id, body, position) VALUES (?, ?, ?, ?)',
      ),
      remove: this.db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?'),
      clearCollection: this.db.prepare('DELETE FROM documents WHERE collection = ?'),
      renameCollection: this.db.prepare('UPDATE documents SET collection = ? WHERE collection = ?'),
      setPosition: this.db.prepare(
        `INSERT INTO checkpoints (name, position) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
      ),
      setStatus: this.db.prepare(
        `INSERT INTO checkpoints (name, position, status) VALUES (?, 0, ?)
         ON CONFLICT (name) DO UPDATE SET status = excluded.status`,
      ),
      replaceCheckpoint: this.db.prepare(
        `INSERT INTO checkpoints (name, position, status) VALUES (?, ?, 'running')
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, status = 'running'`,
      ),
      checkpoint: this.db.prepare<[string], { position: number; status: 'running' | 'stopped' }>(
        'SELECT position, status FROM checkpoints WHERE name = ?',
      ),
      checkpoints: this.db.prepare<
        [],
        { name: string; position: number; status: 'running' | 'stopped' }
      >('SELECT * FROM checkpoints'),
      deleteCheckpoint: this.db.prepare('DELETE FROM checkpoints WHERE name = ?'),
      addDeadLetter: this.db.prepare(
        'INSERT OR REPLACE INTO dead_letters (projection, position, body) VALUES (?, ?, ?)',
      ),
      deadLetters: this.db.prepare<[], { body: string }>(
        'SELECT body FROM dead_letters ORDER BY projection, CAST(position AS INTEGER)',
      ),
      removeDeadLetter: this.db.prepare(
        'DELETE FROM dead_letters WHERE projection = ? AND position = ?',
      ),
      requestOperation: this.db.prepare(
        'INSERT OR IGNORE INTO projection_operations (id, requested_at, status, body) VALUES (?, ?, ?, ?)',
      ),
      operation: this.db.prepare<[string], { body: string }>(
        'SELECT body FROM projection_operations WHERE id = ?',
      ),
      pendingOperations: this.db.prepare<[], { body: string }>(
        "SELECT body FROM projection_operations WHERE status = 'pending' ORDER BY requested_at, id",
      ),
      finishOperation: this.db.prepare(
        'UPDATE projection_operations SET status = ?, body = ? WHERE id = ?',
      ),
    };
    const rows = this.db
      .prepare<[], { collection: string; id: string; body: string; position: number }>(
        'SELECT * FROM documents',
      )
      .all();
    for (const row of rows) {
      // Documents written before the position had a column of its own carry it in the body.
      const { _position: legacy, ...document } = JSON.parse(row.body) as ReadDocument;
      const { documents, positions } = this.collection(row.collection);
      documents.set(row.id, document);
      positions.set(row.id, row.position || Number(legacy ?? 0));
    }
  }

  aggregate<T = ReadDocument>(collection: string, pipeline: Pipeline): Promise<T[]> {
    const documents = [...this.collection(collection).documents.values()];
    return Promise.resolve(aggregate(documents, [...pipeline]) as T[]);
  }

  findById<T = ReadDocument>(collection: string, id: string): Promise<T | undefined> {
    return Promise.resolve(this.collection(collection).documents.get(id) as T | undefined);
  }

  appliedPosition(collection: string, id: string): Promise<bigint | undefined> {
    const position = this.collections.get(collection)?.positions.get(id);
    return Promise.resolve(position === undefined ? undefined : BigInt(position));
  }

  page(collection: string, query: FindQuery): Promise<FoundPage> {
    return Promise.resolve(findPage(this.indexed(collection), query));
  }

  count(collection: string, filter: Readonly<Record<string, unknown>>): Promise<number> {
    return Promise.resolve(count(this.indexed(collection), filter));
  }

  commit(projection: string, changes: readonly DocumentChange[], position: bigint): Promise<void> {
    const { upsert, remove, setPosition } = this.statements;
    const at = Number(position);
    // `_position` is the store's to set: a projection's own is dropped.
    const written = changes.map((change) => ({
      ...change,
      document: withoutPosition(change.document),
    }));
    this.db.transaction(() => {
      for (const change of written) {
        if (change.document)
          upsert.run(change.collection, change.id, JSON.stringify(change.document), at);
        else remove.run(change.collection, change.id);
      }
      setPosition.run(projection, at);
    })();
    for (const change of written) {
      const { documents, positions } = this.collection(change.collection);
      const before = documents.get(change.id);
      if (change.document) {
        documents.set(change.id, change.document);
        positions.set(change.id, at);
      } else {
        documents.delete(change.id);
        positions.delete(change.id);
      }
      for (const index of this.indexes.get(change.collection) ?? [])
        index.update(before, change.document ?? undefined);
    }
    return Promise.resolve();
  }

  checkpoint(projection: string): Promise<ProjectionCheckpoint> {
    const row = this.statements.checkpoint.get(projection);
    return Promise.resolve({
      name: projection,
      position: BigInt(row?.position ?? 0),
      status: row?.status ?? 'running',
    });
  }

  checkpoints(): Promise<ProjectionCheckpoint[]> {
    const rows = this.statements.checkpoints.all();
    return Promise.resolve(
      rows.map((row) => ({ name: row.name, position: BigInt(row.position), status: row.status })),
    );
  }

  setStatus(projection: string, status: ProjectionCheckpoint['status']): Promise<void> {
    this.durably(() => this.statements.setStatus.run(projection, status));
    return Promise.resolve();
  }

  addDeadLetter(letter: DeadLetter): Promise<void> {
    this.durably(() =>
      this.statements.addDeadLetter.run(letter.projection, letter.position, JSON.stringify(letter)),
    );
    return Promise.resolve();
  }

  deadLetters(): Promise<DeadLetter[]> {
    const rows = this.statements.deadLetters.all();
    return Promise.resolve(rows.map((row) => JSON.parse(row.body) as DeadLetter));
  }

  removeDeadLetter(projection: string, position: string): Promise<void> {
    this.durably(() => this.statements.removeDeadLetter.run(projection, position));
    return Promise.resolve();
  }

  requestOperation(operation: ProjectionOperation): Promise<void> {
    this.durably(() =>
      this.statements.requestOperation.run(
        operation.id,
        operation.requestedAt,
        operation.status,
        JSON.stringify(operation),
      ),
    );
    return Promise.resolve();
  }

  operation(id: string): Promise<ProjectionOperation | undefined> {
    const row = this.statements.operation.get(id);
    return Promise.resolve(row && (JSON.parse(row.body) as ProjectionOperation));
  }

  pendingOperations(): Promise<ProjectionOperation[]> {
    const rows = this.statements.pendingOperations.all();
    return Promise.resolve(rows.map((row) => JSON.parse(row.body) as ProjectionOperation));
  }

  finishOperation(operation: ProjectionOperation): Promise<void> {
    this.durably(() =>
      this.statements.finishOperation.run(
        operation.status,
        JSON.stringify(operation),
        operation.id,
      ),
    );
    return Promise.resolve();
  }

  swap(collections: readonly string[], suffix: string, projection: string): Promise<void> {
    const { clearCollection, renameCollection, checkpoint, replaceCheckpoint, deleteCheckpoint } =
      this.statements;
    this.durably(() =>
      this.db.transaction(() => {
        for (const name of collections) {
          clearCollection.run(name);
          renameCollection.run(name, name + suffix);
        }
        replaceCheckpoint.run(projection, checkpoint.get(projection + suffix)?.position ?? 0);
        deleteCheckpoint.run(projection + suffix);
      })(),
    );
    for (const name of collections) {
      this.collections.set(name, this.collection(name + suffix));
      this.collections.delete(name + suffix);
      this.indexes.delete(name);
      this.indexes.delete(name + suffix);
    }
    return Promise.resolve();
  }

  drop(collections: readonly string[], projection: string): Promise<void> {
    this.durably(() =>
      this.db.transaction(() => {
        for (const name of collections) this.statements.clearCollection.run(name);
        this.statements.deleteCheckpoint.run(projection);
      })(),
    );
    for (const name of collections) {
      this.collections.delete(name);
      this.indexes.delete(name);
    }
    return Promise.resolve();
  }

  /**
   * Declares indexes and builds them now (at start, not in a visitor's first request); a collection
   * swapped in by a rebuild gets them again at its first find or count.
   */
  ensureIndexes(indexes: readonly IndexSpec[]): Promise<void> {
    const changed = new Set<string>();
    for (const { collection, keys } of indexes) {
      const known = this.declared.get(collection) ?? [];
      if (known.some((k) => JSON.stringify(k) === JSON.stringify(keys))) continue;
      this.declared.set(collection, [...known, keys]);
      this.indexes.delete(collection);
      changed.add(collection);
    }
    for (const collection of changed) this.indexed(collection);
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  /** The underlying connection, for tests that inspect how it writes. */
  get database(): Database.Database {
    return this.db;
  }

  /**
   * A write answered to someone, committed at the durability asked for (the connection runs at
   * NORMAL for projection pages). In WAL mode a FULL commit syncs the log up to it, earlier pages
   * included, so nothing committed before it can be lost while it survives.
   */
  private durably<T>(write: () => T): T {
    if (this.synchronous === 'NORMAL') return write();
    this.db.pragma('synchronous = FULL');
    try {
      return write();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  private indexed(name: string) {
    const { documents } = this.collection(name);
    let indexes = this.indexes.get(name);
    if (!indexes) {
      indexes = (this.declared.get(name) ?? []).map(
        (keys) => new MemoryIndex(keys, documents.values()),
      );
      this.indexes.set(name, indexes);
    }
    return { documents, indexes };
  }

  private collection(name: string): StoredCollection {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = { documents: new Map(), positions: new Map() };
      this.collections.set(name, collection);
    }
    return collection;
  }
}

function withoutPosition(document: ReadDocument | null): ReadDocument | null {
  if (!document || !(POSITION_FIELD in document)) return document;
  const { [POSITION_FIELD]: _reserved, ...rest } = document;
  return rest;
}

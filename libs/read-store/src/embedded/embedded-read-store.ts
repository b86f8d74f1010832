import Database from 'better-sqlite3';
import { aggregate } from 'mingo';
import type {
  DeadLetter,
  DocumentChange,
  Pipeline,
  ProjectionCheckpoint,
  ReadDocument,
  ReadStore,
} from '../read-store.port';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS documents (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (collection, id)
  );
  CREATE TABLE IF NOT EXISTS checkpoints (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'running'
  );
  CREATE TABLE IF NOT EXISTS dead_letters (
    projection TEXT NOT NULL,
    position TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (projection, position)
  );
`;

/**
 * The embedded read store: every collection held in memory and queried by mingo, persisted to SQLite
 * so a restart resumes from the checkpoint. Documents and checkpoint commit in one transaction.
 * One process owns a file: the in-memory copy is that process's.
 */
export class EmbeddedReadStore implements ReadStore {
  private readonly db: Database.Database;
  private readonly collections = new Map<string, Map<string, ReadDocument>>();

  constructor(filename: string, synchronous: 'FULL' | 'NORMAL' = 'NORMAL') {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.exec(SCHEMA);
    const rows = this.db
      .prepare<[], { collection: string; id: string; body: string }>('SELECT * FROM documents')
      .all();
    for (const row of rows)
      this.collection(row.collection).set(row.id, JSON.parse(row.body) as ReadDocument);
  }

  aggregate<T = ReadDocument>(collection: string, pipeline: Pipeline): Promise<T[]> {
    const documents = [...this.collection(collection).values()];
    return Promise.resolve(aggregate(documents, [...pipeline]) as T[]);
  }

  findById<T = ReadDocument>(collection: string, id: string): Promise<T | undefined> {
    return Promise.resolve(this.collection(collection).get(id) as T | undefined);
  }

  commit(projection: string, changes: readonly DocumentChange[], position: bigint): Promise<void> {
    const upsert = this.db.prepare(
      'INSERT OR REPLACE INTO documents (collection, id, body) VALUES (?, ?, ?)',
    );
    const remove = this.db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?');
    this.db.transaction(() => {
      for (const change of changes) {
        if (change.document)
          upsert.run(change.collection, change.id, JSON.stringify(change.document));
        else remove.run(change.collection, change.id);
      }
      this.db
        .prepare(
          `INSERT INTO checkpoints (name, position) VALUES (?, ?)
           ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
        )
        .run(projection, Number(position));
    })();
    for (const change of changes) {
      if (change.document) this.collection(change.collection).set(change.id, change.document);
      else this.collection(change.collection).delete(change.id);
    }
    return Promise.resolve();
  }

  checkpoint(projection: string): Promise<ProjectionCheckpoint> {
    const row = this.db
      .prepare<[string], { position: number; status: 'running' | 'stopped' }>(
        'SELECT position, status FROM checkpoints WHERE name = ?',
      )
      .get(projection);
    return Promise.resolve({
      name: projection,
      position: BigInt(row?.position ?? 0),
      status: row?.status ?? 'running',
    });
  }

  checkpoints(): Promise<ProjectionCheckpoint[]> {
    const rows = this.db
      .prepare<[], { name: string; position: number; status: 'running' | 'stopped' }>(
        'SELECT * FROM checkpoints',
      )
      .all();
    return Promise.resolve(
      rows.map((row) => ({ name: row.name, position: BigInt(row.position), status: row.status })),
    );
  }

  setStatus(projection: string, status: ProjectionCheckpoint['status']): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO checkpoints (name, position, status) VALUES (?, 0, ?) ON CONFLICT (name) DO UPDATE SET status = excluded.status`,
      )
      .run(projection, status);
    return Promise.resolve();
  }

  addDeadLetter(letter: DeadLetter): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO dead_letters (projection, position, body) VALUES (?, ?, ?)')
      .run(letter.projection, letter.position, JSON.stringify(letter));
    return Promise.resolve();
  }

  deadLetters(): Promise<DeadLetter[]> {
    const rows = this.db
      .prepare<[], { body: string }>(
        'SELECT body FROM dead_letters ORDER BY projection, CAST(position AS INTEGER)',
      )
      .all();
    return Promise.resolve(rows.map((row) => JSON.parse(row.body) as DeadLetter));
  }

  removeDeadLetter(projection: string, position: string): Promise<void> {
    this.db
      .prepare('DELETE FROM dead_letters WHERE projection = ? AND position = ?')
      .run(projection, position);
    return Promise.resolve();
  }

  swap(collections: readonly string[], suffix: string, projection: string): Promise<void> {
    this.db.transaction(() => {
      for (const name of collections) {
        this.db.prepare('DELETE FROM documents WHERE collection = ?').run(name);
        this.db
          .prepare('UPDATE documents SET collection = ? WHERE collection = ?')
          .run(name, name + suffix);
      }
      const rebuilt = this.db
        .prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?')
        .get(projection + suffix);
      this.db
        .prepare(
          `INSERT INTO checkpoints (name, position, status) VALUES (?, ?, 'running') ON CONFLICT (name) DO UPDATE SET position = excluded.position, status = 'running'`,
        )
        .run(projection, rebuilt?.position ?? 0);
      this.db.prepare('DELETE FROM checkpoints WHERE name = ?').run(projection + suffix);
    })();
    for (const name of collections) {
      this.collections.set(name, this.collection(name + suffix));
      this.collections.delete(name + suffix);
    }
    return Promise.resolve();
  }

  drop(collections: readonly string[], projection: string): Promise<void> {
    this.db.transaction(() => {
      for (const name of collections)
        this.db.prepare('DELETE FROM documents WHERE collection = ?').run(name);
      this.db.prepare('DELETE FROM checkpoints WHERE name = ?').run(projection);
    })();
    for (const name of collections) this.collections.delete(name);
    return Promise.resolve();
  }

  /** Scans in memory are the embedded store's only access path. */
  ensureIndexes(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  private collection(name: string): Map<string, ReadDocument> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new Map();
      this.collections.set(name, collection);
    }
    return collection;
  }
}

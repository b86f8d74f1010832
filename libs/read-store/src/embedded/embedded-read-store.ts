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
  private readonly statements;

  constructor(filename: string, synchronous: 'FULL' | 'NORMAL' = 'NORMAL') {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    // Freed pages are zeroed: a document replaced or deleted leaves none of its bytes in the file.
    this.db.pragma('secure_delete = ON');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.exec(SCHEMA);
    this.statements = {
      upsert: this.db.prepare(
        'INSERT OR REPLACE INTO documents (collection, id, body) VALUES (?, ?, ?)',
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
    };
    const rows = this.db
      .prepare<[], { collection: string; id: string; body: string }>('SELECT * FROM documents')
      .all();
    for (const row of rows) {
      this.collection(row.collection).set(row.id, JSON.parse(row.body) as ReadDocument);
    }
  }

  aggregate<T = ReadDocument>(collection: string, pipeline: Pipeline): Promise<T[]> {
    const documents = [...this.collection(collection).values()];
    return Promise.resolve(aggregate(documents, [...pipeline]) as T[]);
  }

  findById<T = ReadDocument>(collection: string, id: string): Promise<T | undefined> {
    return Promise.resolve(this.collection(collection).get(id) as T | undefined);
  }

  commit(projection: string, changes: readonly DocumentChange[], position: bigint): Promise<void> {
    const { upsert, remove, setPosition } = this.statements;
    this.db.transaction(() => {
      for (const change of changes) {
        if (change.document)
          upsert.run(change.collection, change.id, JSON.stringify(change.document));
        else remove.run(change.collection, change.id);
      }
      setPosition.run(projection, Number(position));
    })();
    for (const change of changes) {
      if (change.document) this.collection(change.collection).set(change.id, change.document);
      else this.collection(change.collection).delete(change.id);
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
    this.statements.setStatus.run(projection, status);
    return Promise.resolve();
  }

  addDeadLetter(letter: DeadLetter): Promise<void> {
    this.statements.addDeadLetter.run(letter.projection, letter.position, JSON.stringify(letter));
    return Promise.resolve();
  }

  deadLetters(): Promise<DeadLetter[]> {
    const rows = this.statements.deadLetters.all();
    return Promise.resolve(rows.map((row) => JSON.parse(row.body) as DeadLetter));
  }

  removeDeadLetter(projection: string, position: string): Promise<void> {
    this.statements.removeDeadLetter.run(projection, position);
    return Promise.resolve();
  }

  swap(collections: readonly string[], suffix: string, projection: string): Promise<void> {
    const { clearCollection, renameCollection, checkpoint, replaceCheckpoint, deleteCheckpoint } =
      this.statements;
    this.db.transaction(() => {
      for (const name of collections) {
        clearCollection.run(name);
        renameCollection.run(name, name + suffix);
      }
      replaceCheckpoint.run(projection, checkpoint.get(projection + suffix)?.position ?? 0);
      deleteCheckpoint.run(projection + suffix);
    })();
    for (const name of collections) {
      this.collections.set(name, this.collection(name + suffix));
      this.collections.delete(name + suffix);
    }
    return Promise.resolve();
  }

  drop(collections: readonly string[], projection: string): Promise<void> {
    this.db.transaction(() => {
      for (const name of collections) this.statements.clearCollection.run(name);
      this.statements.deleteCheckpoint.run(projection);
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

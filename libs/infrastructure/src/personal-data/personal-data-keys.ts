import type Database from 'better-sqlite3';
import type { Collection, Db } from 'mongodb';

/**
 * Where each data subject's key is kept, sealed with the master secret: in SQLite beside the
 * embedded stores, in MongoDB with the read models (so every api replica opens and erases the same
 * keys). Never in the event log.
 */
export interface PersonalDataKeys {
  /** The subject's sealed key, if it has one. */
  find(subjectId: string): Promise<string | undefined>;
  /** Stores the key unless the subject already has one; answers the key the subject has now. */
  createIfAbsent(subjectId: string, sealedKey: string): Promise<string>;
  /** Destroys the subject's key. */
  remove(subjectId: string): Promise<void>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS personal_data_keys (
    subject_id TEXT PRIMARY KEY,
    sealed_key TEXT NOT NULL
  );
`;

export class SqlitePersonalDataKeys implements PersonalDataKeys {
  private readonly statements;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      get: db.prepare<[string], { sealed_key: string }>(
        'SELECT sealed_key FROM personal_data_keys WHERE subject_id = ?',
      ),
      insert: db.prepare(
        'INSERT OR IGNORE INTO personal_data_keys (subject_id, sealed_key) VALUES (?, ?)',
      ),
      remove: db.prepare('DELETE FROM personal_data_keys WHERE subject_id = ?'),
    };
  }

  find(subjectId: string): Promise<string | undefined> {
    return Promise.resolve(this.statements.get.get(subjectId)?.sealed_key);
  }

  createIfAbsent(subjectId: string, sealedKey: string): Promise<string> {
    this.statements.insert.run(subjectId, sealedKey);
    return Promise.resolve(this.statements.get.get(subjectId)!.sealed_key);
  }

  remove(subjectId: string): Promise<void> {
    this.statements.remove.run(subjectId);
    return Promise.resolve();
  }
}

interface KeyDocument {
  _id: string;
  sealedKey: string;
}

export class MongoPersonalDataKeys implements PersonalDataKeys {
  private readonly collection: Collection<KeyDocument>;

  constructor(db: Db) {
    this.collection = db.collection<KeyDocument>('personal_data_keys');
  }

  async find(subjectId: string): Promise<string | undefined> {
    return (await this.collection.findOne({ _id: subjectId }))?.sealedKey;
  }

  /** `$setOnInsert` on `_id`: of two replicas creating a subject's key at once, one key wins for both. */
  async createIfAbsent(subjectId: string, sealedKey: string): Promise<string> {
    const found = await this.collection.findOneAndUpdate(
      { _id: subjectId },
      { $setOnInsert: { sealedKey } },
      { upsert: true, returnDocument: 'after' },
    );
    return found!.sealedKey;
  }

  async remove(subjectId: string): Promise<void> {
    await this.collection.deleteOne({ _id: subjectId });
  }
}

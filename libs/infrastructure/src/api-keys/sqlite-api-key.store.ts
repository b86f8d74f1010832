import type Database from 'better-sqlite3';
import type { SecretBox } from '../secrets/secret-box';
import { ApiKeyStore, type ApiRole, type StoredApiKey } from './api-key.store';

interface Row {
  id: string;
  secret_hash: string;
  role: ApiRole;
  organisation_id: string | null;
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** API keys in the embedded database (`DATA_DIR/app.db`). */
export class SqliteApiKeyStore extends ApiKeyStore {
  private readonly statements;

  constructor(db: Database.Database, secrets: SecretBox) {
    super(secrets);
    this.statements = {
      insert: db.prepare(
        'INSERT INTO api_keys (id, secret_hash, role, organisation_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare<[string], Row>('SELECT * FROM api_keys WHERE id = ?'),
      revoke: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      remove: db.prepare('DELETE FROM api_keys WHERE id = ?'),
      recent: db.prepare<[number], Row>(
        'SELECT * FROM api_keys ORDER BY created_at DESC, id LIMIT ?',
      ),
      search: db.prepare<[string, string, number], Row>(
        `SELECT * FROM api_keys WHERE id = ?
         UNION SELECT * FROM api_keys WHERE organisation_id = ?
         ORDER BY created_at DESC, id LIMIT ?`,
      ),
    };
  }

  protected insert({ record, secretHash }: StoredApiKey): Promise<void> {
    this.statements.insert.run(
      record.id,
      secretHash,
      record.role,
      record.organisationId ?? null,
      record.label,
      record.createdAt,
      record.expiresAt ?? null,
    );
    return Promise.resolve();
  }

  protected find(id: string): Promise<StoredApiKey | undefined> {
    const row = this.statements.byId.get(id);
    return Promise.resolve(row && { record: toRecord(row), secretHash: row.secret_hash });
  }

  protected markRevoked(id: string, at: string): Promise<boolean> {
    if (!this.statements.byId.get(id)) return Promise.resolve(false);
    this.statements.revoke.run(at, id);
    return Promise.resolve(true);
  }

  recent(limit: number) {
    return Promise.resolve(this.statements.recent.all(limit).map(toRecord));
  }

  search(id: string, limit: number) {
    return Promise.resolve(this.statements.search.all(id, id, limit).map(toRecord));
  }

  discard(id: string): Promise<void> {
    this.statements.remove.run(id);
    return Promise.resolve();
  }
}

function toRecord(row: Row) {
  return {
    id: row.id,
    role: row.role,
    label: row.label,
    createdAt: row.created_at,
    ...(row.organisation_id === null ? {} : { organisationId: row.organisation_id }),
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  };
}

import type Database from 'better-sqlite3';
import type { SecretBox } from '../secrets/secret-box';
import {
  ApiKeyStore,
  type ApiKeyCursor,
  type ApiKeyFilter,
  type ApiKeyRecord,
  type ApiRole,
  type StoredApiKey,
} from './api-key.store';

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
  private readonly listings = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    secrets: SecretBox,
  ) {
    super(secrets);
    this.statements = {
      insert: db.prepare(
        'INSERT INTO api_keys (id, secret_hash, role, organisation_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare<[string], Row>('SELECT * FROM api_keys WHERE id = ?'),
      revoke: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      remove: db.prepare('DELETE FROM api_keys WHERE id = ?'),
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

  protected findKeys(
    filter: ApiKeyFilter,
    after: ApiKeyCursor | undefined,
    skip: number,
    limit: number,
  ): Promise<ApiKeyRecord[]> {
    const { where, values } = conditions(filter);
    if (after) {
      where.push('(created_at < ? OR (created_at = ? AND id > ?))');
      values.push(after.createdAt, after.createdAt, after.id);
    }
    const rows = this.prepared(
      `SELECT * FROM api_keys ${whereClause(where)} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`,
    ).all(...values, limit, skip) as Row[];
    return Promise.resolve(rows.map(toRecord));
  }

  protected countKeys(filter: ApiKeyFilter): Promise<number> {
    const { where, values } = conditions(filter);
    const row = this.prepared(`SELECT COUNT(*) AS n FROM api_keys ${whereClause(where)}`).get(
      ...values,
    ) as { n: number };
    return Promise.resolve(row.n);
  }

  /** A list's statement, prepared once for each shape of filter. */
  private prepared(sql: string): Database.Statement {
    let statement = this.listings.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.listings.set(sql, statement);
    }
    return statement;
  }

  discard(id: string): Promise<void> {
    this.statements.remove.run(id);
    return Promise.resolve();
  }
}

/** A filter's conditions on the table's columns, and their values. */
function conditions(filter: ApiKeyFilter): { where: string[]; values: string[] } {
  const where: string[] = [];
  const values: string[] = [];
  if (filter.organisationId !== undefined) {
    where.push('organisation_id = ?');
    values.push(filter.organisationId);
  }
  if (filter.role !== undefined) {
    where.push('role = ?');
    values.push(filter.role);
  }
  if (filter.keyOrOrganisation !== undefined) {
    where.push('(id = ? OR organisation_id = ?)');
    values.push(filter.keyOrOrganisation, filter.keyOrOrganisation);
  }
  return { where, values };
}

const whereClause = (where: readonly string[]) =>
  where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;

function toRecord(row: Row): ApiKeyRecord {
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

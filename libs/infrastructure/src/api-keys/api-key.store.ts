import type Database from 'better-sqlite3';
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';

export const API_ROLES = ['admin', 'reviewer', 'analyst', 'participant'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export interface ApiKeyRecord {
  readonly id: string;
  readonly role: ApiRole;
  readonly organisationId?: string;
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt?: string;
  readonly revokedAt?: string;
}

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

const KEY_PATTERN = /^pact_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

/** API keys, stored as a peppered HMAC of their secret part; the key itself is shown once. */
export class ApiKeyStore {
  private readonly pepper: Buffer;
  private readonly statements;

  constructor(db: Database.Database, secrets: SecretBox) {
    this.pepper = secrets.derive('api-key-pepper');
    this.statements = {
      insert: db.prepare(
        'INSERT INTO api_keys (id, secret_hash, role, organisation_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare<[string], Row>('SELECT * FROM api_keys WHERE id = ?'),
      revoke: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      remove: db.prepare('DELETE FROM api_keys WHERE id = ?'),
    };
  }

  issue(
    input: { role: ApiRole; organisationId?: string; label: string; expiresAt?: string },
    now: Date,
  ): { record: ApiKeyRecord; key: string } {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const record: ApiKeyRecord = { id, ...input, createdAt: now.toISOString() };
    this.statements.insert.run(
      id,
      this.hash(secret),
      input.role,
      input.organisationId ?? null,
      input.label,
      record.createdAt,
      input.expiresAt ?? null,
    );
    return { record, key: `pact_${id}_${secret}` };
  }

  /** The active key record for a presented key, or undefined (unknown, malformed, revoked, expired). */
  authenticate(presented: string, now: Date): ApiKeyRecord | undefined {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return undefined;
    const row = this.statements.byId.get(match[1]!);
    if (!row || row.revoked_at !== null) return undefined;
    if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return undefined;
    const expected = Buffer.from(row.secret_hash, 'hex');
    const actual = Buffer.from(this.hash(match[2]!), 'hex');
    return timingSafeEqual(expected, actual) ? toRecord(row) : undefined;
  }

  /** False when no such key exists; revoking twice is harmless. */
  revoke(id: string, now: Date): boolean {
    if (!this.statements.byId.get(id)) return false;
    this.statements.revoke.run(now.toISOString(), id);
    return true;
  }

  /** Removes a key that was issued for a command that then failed, so it never worked. */
  discard(id: string): void {
    this.statements.remove.run(id);
  }

  private hash(secret: string): string {
    return createHmac('sha256', this.pepper).update(secret).digest('hex');
  }
}

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

import type Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS personal_data_keys (
    subject_id TEXT PRIMARY KEY,
    sealed_key TEXT NOT NULL
  );
`;
const FORMAT = 'pd1';

/** How an encrypted value is stored in an event: only ciphertext, under the subject's key. */
export interface SealedValue {
  readonly sealed: string;
}

export function isSealedValue(value: unknown): value is SealedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { sealed?: unknown }).sealed === 'string' &&
    (value as { sealed: string }).sealed.startsWith(`${FORMAT}.`)
  );
}

/**
 * One AES-256-GCM key per data subject (an organisation), kept outside the event log and itself
 * sealed with the master secret. Destroying the key erases every value sealed with it, wherever the
 * ciphertext lives (events, backups), without touching the events: crypto-shredding.
 */
export class PersonalDataVault {
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly box: SecretBox,
  ) {
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

  seal(subjectId: string, value: unknown): SealedValue {
    const key = this.keyOf(subjectId) ?? this.createKey(subjectId);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(subjectId));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const parts = [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url'));
    return { sealed: [FORMAT, ...parts].join('.') };
  }

  /** The value, or undefined once the subject's key is destroyed. */
  open(subjectId: string, value: SealedValue): unknown {
    const key = this.keyOf(subjectId);
    if (!key) return undefined;
    const [, iv, body, tag] = value.sealed.split('.');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'));
    decipher.setAAD(Buffer.from(subjectId));
    decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
    const text = Buffer.concat([
      decipher.update(Buffer.from(body!, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
    return JSON.parse(text) as unknown;
  }

  /** Destroys the subject's key: what was sealed with it can never be read again. */
  erase(subjectId: string): void {
    this.statements.remove.run(subjectId);
  }

  private keyOf(subjectId: string): Buffer | undefined {
    const row = this.statements.get.get(subjectId);
    return row ? Buffer.from(this.box.open(row.sealed_key), 'base64') : undefined;
  }

  private createKey(subjectId: string): Buffer {
    this.statements.insert.run(subjectId, this.box.seal(randomBytes(32).toString('base64')));
    return this.keyOf(subjectId)!;
  }
}

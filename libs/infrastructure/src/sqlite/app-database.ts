import Database from 'better-sqlite3';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation_id TEXT,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    expires_at TEXT
  );
  CREATE INDEX IF NOT EXISTS api_keys_by_age ON api_keys (created_at DESC, id);
  CREATE INDEX IF NOT EXISTS api_keys_by_organisation
    ON api_keys (organisation_id, created_at DESC, id);
  CREATE TABLE IF NOT EXISTS idempotency_records (
    principal TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL,
    response TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (principal, key)
  );
  CREATE TABLE IF NOT EXISTS seals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    position INTEGER NOT NULL,
    sealed_at TEXT NOT NULL,
    streams INTEGER NOT NULL,
    root TEXT NOT NULL,
    mac TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS seal_heads (
    stream_id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS webhook_secrets (
    organisation_id TEXT PRIMARY KEY,
    sealed_secret TEXT NOT NULL
  );
`;

/** The embedded store for what is not an event: keys, idempotency records, sealed secrets. */
export function openAppDatabase(
  filename: string,
  synchronous: 'FULL' | 'NORMAL' = 'FULL',
): Database.Database {
  const db = new Database(filename);
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(SCHEMA);
  migrate(db);
  return db;
}

/** Columns added after a table was first created; each is added once to databases that lack it. */
function migrate(db: Database.Database): void {
  const columns = db
    .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('api_keys')")
    .all()
    .map((column) => column.name);
  if (!columns.includes('expires_at')) db.exec('ALTER TABLE api_keys ADD COLUMN expires_at TEXT');
}

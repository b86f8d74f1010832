import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SecretBox } from '../secrets/secret-box';
import { openAppDatabase } from '../sqlite/app-database';
import { IdempotencyStore } from './idempotency.store';
import { ApiKeyStore } from '../api-keys/api-key.store';

describe('app stores on SQLite', () => {
  let dir: string;
  let db: ReturnType<typeof openAppDatabase>;
  const box = new SecretBox(randomBytes(32));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pact-app-'));
    db = openAppDatabase(join(dir, 'app.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('claims, replays, refuses another body, and forgets after 24 hours', () => {
    const store = new IdempotencyStore(db, box);
    const t0 = new Date('2026-01-01T00:00:00Z');
    expect(store.claim('k1', 'abc', 'f1', t0)).toEqual({ kind: 'claimed' });
    expect(store.claim('k1', 'abc', 'f1', t0)).toEqual({ kind: 'in-progress' });
    store.complete('k1', 'abc', { status: 201, body: { key: 'secret-value' }, headers: {} });
    expect(store.claim('k1', 'abc', 'f1', t0)).toEqual({
      kind: 'replay',
      response: { status: 201, body: { key: 'secret-value' }, headers: {} },
    });
    expect(store.claim('k1', 'abc', 'f2', t0)).toEqual({ kind: 'mismatch' });
    expect(store.claim('k2', 'abc', 'f2', t0)).toEqual({ kind: 'claimed' });
    expect(store.claim('k1', 'abc', 'f2', new Date(t0.getTime() + 24 * 3600 * 1000 + 1))).toEqual({
      kind: 'claimed',
    });
    const raw = db.prepare('SELECT response FROM idempotency_records').all();
    expect(JSON.stringify(raw)).not.toContain('secret-value');
  });

  it('purges records past their 24 hour window and keeps the rest', () => {
    const store = new IdempotencyStore(db, box);
    const t0 = new Date('2026-01-01T00:00:00Z');
    store.claim('k1', 'old', 'f', t0);
    store.claim('k1', 'new', 'f', new Date(t0.getTime() + 20 * 3600 * 1000));
    expect(store.purgeExpired(new Date(t0.getTime() + 25 * 3600 * 1000))).toBe(1);
    expect(db.prepare('SELECT key FROM idempotency_records').all()).toEqual([{ key: 'new' }]);
  });

  it('stores API keys hashed and stops accepting a revoked key', () => {
    const keys = new ApiKeyStore(db, box);
    const now = new Date();
    const { record, key } = keys.issue(
      { role: 'participant', organisationId: 'org-1', label: 'ci' },
      now,
    );
    expect(keys.authenticate(key, now)).toMatchObject({
      id: record.id,
      role: 'participant',
      organisationId: 'org-1',
    });
    expect(
      keys.authenticate(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'), now),
    ).toBeUndefined();
    expect(JSON.stringify(db.prepare('SELECT * FROM api_keys').all())).not.toContain(
      key.split('_')[2],
    );
    expect(keys.revoke(record.id, now)).toBe(true);
    expect(keys.authenticate(key, now)).toBeUndefined();
    expect(keys.revoke('no-such-key', now)).toBe(false);
  });

  it('refuses a key from the instant it expires', () => {
    const keys = new ApiKeyStore(db, box);
    const now = new Date('2026-11-26T10:00:00.000Z');
    const { key } = keys.issue(
      { role: 'analyst', label: 'temporary', expiresAt: '2026-12-01T00:00:00.000Z' },
      now,
    );
    expect(keys.authenticate(key, new Date('2026-11-30T23:59:59.999Z'))).toMatchObject({
      expiresAt: '2026-12-01T00:00:00.000Z',
    });
    expect(keys.authenticate(key, new Date('2026-12-01T00:00:00.000Z'))).toBeUndefined();
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadStoreContract } from '../testing/read-store.contract';
import { EmbeddedReadStore } from './embedded-read-store';

describeReadStoreContract('embedded (mingo over SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pact-rs-'));
  const store = new EmbeddedReadStore(join(dir, 'read.db'));
  return Promise.resolve({
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});

describe('embedded read store', () => {
  it('reads a file from before _position had a column: the position moves out of the document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-rs-'));
    const old = new Database(join(dir, 'read.db'));
    old.exec(
      'CREATE TABLE documents (collection TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (collection, id))',
    );
    old
      .prepare('INSERT INTO documents VALUES (?, ?, ?)')
      .run('pledges', 'p1', JSON.stringify({ _id: 'p1', status: 'signed', _position: '7' }));
    old.close();
    const store = new EmbeddedReadStore(join(dir, 'read.db'));
    expect(await store.findById('pledges', 'p1')).toEqual({ _id: 'p1', status: 'signed' });
    expect(await store.appliedPosition('pledges', 'p1')).toBe(7n);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores documents and checkpoints from its file after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-rs-'));
    const first = new EmbeddedReadStore(join(dir, 'read.db'));
    await first.commit(
      'registry',
      [{ collection: 'pledges', id: 'p1', document: { _id: 'p1', status: 'signed' } }],
      3n,
    );
    await first.close();
    const second = new EmbeddedReadStore(join(dir, 'read.db'));
    expect(await second.findById('pledges', 'p1')).toEqual({ _id: 'p1', status: 'signed' });
    expect((await second.checkpoint('registry')).position).toBe(3n);
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

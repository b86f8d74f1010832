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
  it('commits projection pages at NORMAL and what is answered to someone at FULL, then goes back to NORMAL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-rs-'));
    const store = new EmbeddedReadStore(join(dir, 'read.db'));
    const level = () => store.database.pragma('synchronous', { simple: true });
    const NORMAL = 1;
    expect(level()).toBe(NORMAL);
    // The levels each write sets, watched on the real connection (the calls go through to SQLite).
    const pragma = jest.spyOn(store.database, 'pragma');
    const settings = () =>
      pragma.mock.calls.map(([text]) => text).filter((text) => text.startsWith('synchronous ='));

    await store.commit(
      'registry',
      [{ collection: 'pledges', id: 'p1', document: { _id: 'p1' } }],
      5n,
    );
    expect(settings()).toEqual([]);
    const operation = {
      id: 'op-1',
      kind: 'rebuild',
      name: 'registry',
      requestedAt: '2026-11-30T00:00:00.000Z',
      status: 'pending',
    } as const;
    await store.requestOperation(operation);
    await store.finishOperation({ ...operation, status: 'done' });
    await store.setStatus('registry', 'stopped');
    await store.addDeadLetter({
      projection: 'registry',
      position: '5',
      eventId: 'e5',
      type: 'PledgeSigned',
      error: 'boom',
      failedAt: '2026-11-30T00:00:00.000Z',
    });
    await store.removeDeadLetter('registry', '5');
    await store.commit('registry__rebuild', [], 5n);
    await store.swap(['pledges'], '__rebuild', 'registry');
    await store.drop(['practices'], 'practices');
    expect(settings()).toEqual(
      Array.from({ length: 7 }, () => ['synchronous = FULL', 'synchronous = NORMAL']).flat(),
    );
    expect(level()).toBe(NORMAL);
    expect((await store.operation('op-1'))?.status).toBe('done');
    pragma.mockRestore();
    await store.close();

    // Asked for NORMAL throughout (SQLITE_SYNCHRONOUS=NORMAL), it never switches.
    const relaxed = new EmbeddedReadStore(join(dir, 'read.db'), 'NORMAL');
    const watched = jest.spyOn(relaxed.database, 'pragma');
    await relaxed.requestOperation({ ...operation, id: 'op-2' });
    expect(watched).not.toHaveBeenCalled();
    expect(relaxed.database.pragma('synchronous', { simple: true })).toBe(NORMAL);
    await relaxed.close();
    rmSync(dir, { recursive: true, force: true });
  });

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

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';
import type { EventToAppend } from '../event-store.port';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pact-es-'));
}

describeEventStoreContract('sqlite', () => {
  const dir = tempDir();
  const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  return Promise.resolve({
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});

const event = (): EventToAppend => ({
  eventId: randomUUID(),
  type: 'Happened',
  schemaVersion: 1,
  recordedAt: new Date().toISOString(),
  data: {},
  metadata: { actor: { keyId: 'k', role: 'admin' }, correlationId: 'c', causationId: 'c' },
});

describe('sqlite event store', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs in WAL mode with synchronous=FULL by default', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'e.db') });
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });

  it('shares one file between two connections: conflicts are detected and live subscribers see the other side', async () => {
    const a = new SqliteEventStore({ filename: join(dir, 'e.db'), pollIntervalMs: 20 });
    const b = new SqliteEventStore({ filename: join(dir, 'e.db'), pollIntervalMs: 20 });
    await a.append('s-1', [event()], 'no-stream');
    await expect(b.append('s-1', [event()], 'no-stream')).rejects.toMatchObject({ actual: 0 });
    const controller = new AbortController();
    const seen: string[] = [];
    const consumed = (async () => {
      for await (const e of b.subscribeToAll({ after: 0n, signal: controller.signal })) {
        seen.push(`${e.streamId}@${e.revision}`);
        if (seen.length === 2) controller.abort();
      }
    })();
    await a.append('s-1', [event()], 0);
    await consumed;
    expect(seen).toEqual(['s-1@0', 's-1@1']);
    await a.close();
    await b.close();
  });

  it('commits concurrent appends together, each judged alone: a refused one takes no other with it', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'e.db') });
    await store.append('taken', [event()], 'no-stream');
    const outcomes = await Promise.allSettled([
      store.append('a', [event(), event()], 'no-stream'),
      store.append('taken', [event()], 'no-stream'),
      store.append('b', [event()], 'no-stream'),
      store.append('a', [event()], 1),
      store.append('a', [event()], 1),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);
    expect(outcomes[1]).toMatchObject({ reason: { actual: 0 } });
    expect(outcomes[4]).toMatchObject({ reason: { actual: 2 } });
    // In order, as if one after the other, and contiguous: nothing of a refused append was written.
    const positions = outcomes.flatMap((o) =>
      o.status === 'fulfilled' ? [Number(o.value.position)] : [],
    );
    expect(positions).toEqual([3, 4, 5]);
    expect((await store.readStream('a', {})).map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(await store.readStream('taken', {})).toHaveLength(1);
    await store.close();
  });

  it('lets one of two appends through when each is conditioned on the stream the other writes, in one commit or from two connections', async () => {
    // Each read the other's stream as empty: the second to commit would be written on a stale read.
    const crossed = (store: SqliteEventStore, own: string, other: string) =>
      store.append(own, [event()], 'no-stream', [{ streamId: other, expected: 'no-stream' }]);
    const store = new SqliteEventStore({ filename: join(dir, 'e.db') });
    const together = await Promise.allSettled([
      crossed(store, 'pledge-1', 'organisation-1'),
      crossed(store, 'organisation-1', 'pledge-1'),
    ]);
    expect(together.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(together[1]).toMatchObject({
      reason: { streamId: 'pledge-1', expected: 'no-stream', actual: 0 },
    });
    expect(await store.readStream('organisation-1')).toEqual([]);

    const other = new SqliteEventStore({ filename: join(dir, 'e.db') });
    const apart = await Promise.allSettled([
      crossed(store, 'pledge-2', 'organisation-2'),
      crossed(other, 'organisation-2', 'pledge-2'),
    ]);
    expect(apart.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const written = [
      ...(await store.readStream('pledge-2')),
      ...(await store.readStream('organisation-2')),
    ];
    expect(written).toHaveLength(1);
    await other.close();
    await store.close();
  });

  it('writes or refuses the appends asked for before it closes', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'e.db') });
    const appended = store.append('s', [event()], 'no-stream');
    await store.close();
    await expect(appended).resolves.toMatchObject({ revision: 0 });
    const reopened = new SqliteEventStore({ filename: join(dir, 'e.db') });
    expect(await reopened.readStream('s', {})).toHaveLength(1);
    await reopened.close();
  });

  it('survives a reopen with every event and position intact', async () => {
    const file = join(dir, 'e.db');
    const first = new SqliteEventStore({ filename: file });
    await first.append('s-1', [event(), event()], 'no-stream');
    await first.close();
    const second = new SqliteEventStore({ filename: file });
    expect((await second.readStream('s-1')).map((e) => e.position)).toEqual([1n, 2n]);
    expect((await second.append('s-1', [event()], 1)).position).toBe(3n);
    await second.close();
  });
});

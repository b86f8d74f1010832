import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { earlierAppend, readPage, readStreamPage, type Scanned } from './kurrentdb-paging';

const recorded = (
  position: number,
  eventId = `e${position}`,
  revision = position,
): RecordedEvent => ({
  streamId: 's',
  revision,
  position: BigInt(position),
  eventId,
  type: 'T',
  schemaVersion: 1,
  recordedAt: '2026-11-30T00:00:00.000Z',
  data: {},
  metadata: { actor: { keyId: 'k', role: 'system' }, correlationId: 'c', causationId: 'c' },
  previousHash: '0',
  hash: '1',
});

/** A log of positions 1..n where `ours` says which events this store wrote; the rest are foreign. */
function log(n: number, ours: (position: number) => boolean) {
  const reads: [bigint, number][] = [];
  const items: Scanned[] = Array.from({ length: n }, (_, i) => ({
    position: BigInt(i + 1),
    ...(ours(i + 1) ? { event: recorded(i + 1) } : {}),
  }));
  const read = async function* (from: bigint, count: number) {
    reads.push([from, count]);
    await Promise.resolve(); // as the client does, between the request and the first event
    yield* items.filter((item) => item.position >= from).slice(0, count);
  };
  return { read, reads };
}

describe('reading the log on KurrentDB', () => {
  it('reads past windows holding only other writers’ events until the page is full', async () => {
    // Positions 1..1000 are foreign; ours are 1001..1010.
    const { read, reads } = log(1010, (p) => p > 1000);
    const page = await readPage(read, 0n, 5);
    expect(page.map((e) => Number(e.position))).toEqual([1001, 1002, 1003, 1004, 1005]);
    expect(reads.length).toBeGreaterThan(1);
  });

  it('returns an empty page only at the end of the log', async () => {
    const { read } = log(300, () => false);
    expect(await readPage(read, 0n, 50)).toEqual([]);
    const mixed = log(20, (p) => p % 7 === 0);
    expect((await readPage(mixed.read, 0n, 100)).map((e) => Number(e.position))).toEqual([7, 14]);
    expect((await readPage(mixed.read, 14n, 100)).map((e) => Number(e.position))).toEqual([]);
  });

  it('starts after the given position', async () => {
    const { read } = log(10, () => true);
    expect((await readPage(read, 4n, 3)).map((e) => Number(e.position))).toEqual([5, 6, 7]);
  });
});

/** A stream of revisions 0..n-1 where `ours` says which events this store wrote. */
function stream(n: number, ours: (revision: number) => boolean) {
  const reads: [number | undefined, number][] = [];
  const items = Array.from({ length: n }, (_, revision) => ({
    revision,
    ...(ours(revision) ? { event: recorded(100 + revision, `e${revision}`, revision) } : {}),
  }));
  const window = (backwards: boolean) =>
    async function* (from: number | undefined, count: number) {
      reads.push([from, count]);
      await Promise.resolve();
      const ordered = backwards ? [...items].reverse() : items;
      const start = from ?? (backwards ? n - 1 : 0);
      yield* ordered
        .filter((item) => (backwards ? item.revision <= start : item.revision >= start))
        .slice(0, count);
    };
  return { forwards: window(false), backwards: window(true), reads };
}

describe('reading a stream on KurrentDB', () => {
  const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);

  it('fills a page past other writers’ events in the stream, in either direction', async () => {
    // Revisions 0..9: ours are 0, 4, 5, 9; the rest another writer's.
    const s = stream(10, (r) => [0, 4, 5, 9].includes(r));
    expect(revisions(await readStreamPage(s.forwards, undefined, false, 2))).toEqual([0, 4]);
    expect(revisions(await readStreamPage(s.forwards, 1, false, 2))).toEqual([4, 5]);
    expect(revisions(await readStreamPage(s.backwards, undefined, true, 3))).toEqual([9, 5, 4]);
    expect(revisions(await readStreamPage(s.backwards, 3, true, 5))).toEqual([0]);
    expect(s.reads.length).toBeGreaterThan(4);
  });

  it('answers a short page only at the stream’s end, and nothing for a page of none', async () => {
    const s = stream(6, (r) => r === 1);
    expect(revisions(await readStreamPage(s.forwards, undefined, false, 3))).toEqual([1]);
    expect(revisions(await readStreamPage(s.forwards, 2, false, 3))).toEqual([]);
    expect(revisions(await readStreamPage(s.backwards, 0, true, 3))).toEqual([]);
    expect(await readStreamPage(s.forwards, undefined, false, 0)).toEqual([]);
  });
});

describe('recognising a retried append on KurrentDB', () => {
  const append = (...ids: string[]) => ids.map((eventId) => ({ eventId }) as EventToAppend);
  const newestFirst = (...events: RecordedEvent[]) => [...events].reverse();

  it('finds the earlier append behind another writer’s, and answers its result', () => {
    const tail = newestFirst(
      recorded(10, 'a', 3),
      recorded(11, 'b', 4),
      recorded(12, 'other-1', 5),
      recorded(13, 'other-2', 6),
    );
    expect(earlierAppend(tail, append('a', 'b'), 's')).toEqual({
      revision: 4,
      position: 11n,
      retried: true,
    });
  });

  it('finds nothing when none of the ids is stored', () => {
    expect(earlierAppend(newestFirst(recorded(1, 'x', 0)), append('a'), 's')).toBeUndefined();
  });

  it('refuses a partial match: some ids stored, or not as one batch', () => {
    expect(() =>
      earlierAppend(newestFirst(recorded(1, 'a', 0), recorded(2, 'x', 1)), append('a', 'b'), 's'),
    ).toThrow(/holds 1 of this append's 2 event ids/);
    expect(() =>
      earlierAppend(
        newestFirst(recorded(1, 'a', 0), recorded(2, 'x', 1), recorded(3, 'b', 2)),
        append('a', 'b'),
        's',
      ),
    ).toThrow(/not as one batch/);
  });
});

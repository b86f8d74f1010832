import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { earlierAppend, readPage, type Scanned } from './kurrentdb-paging';

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
    expect(earlierAppend(tail, append('a', 'b'), 's')).toEqual({ revision: 4, position: 11n });
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

import { randomUUID } from 'node:crypto';
import {
  WrongExpectedVersionError,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '../event-store.port';
import { chainHash, GENESIS_HASH } from '../hash-chain';

export interface ContractSubject {
  readonly store: EventStore;
  cleanup(): Promise<void>;
}

/** The behaviour every event store adapter must have. Streams are unique per test, so a shared server works. */
export function describeEventStoreContract(
  name: string,
  open: () => Promise<ContractSubject>,
): void {
  describe(`event store contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(() => subject.cleanup());

    const stream = () => `contract-${randomUUID()}`;
    const event = (type = 'Happened', data: unknown = { n: 1 }): EventToAppend => ({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      recordedAt: new Date().toISOString(),
      data,
      metadata: {
        actor: { keyId: 'k1', role: 'participant', organisationId: 'o1' },
        correlationId: randomUUID(),
        causationId: randomUUID(),
      },
    });

    it('appends to a new stream from revision 0 and reads it back as written', async () => {
      const id = stream();
      const written = [event('A', { a: [1, { z: 1, b: 2 }] }), event('B')];
      const result = await store.append(id, written, 'no-stream');
      expect(result.revision).toBe(1);
      const read = await store.readStream(id);
      expect(
        read.map((e) => [e.streamId, e.revision, e.type, e.data, e.metadata, e.eventId]),
      ).toEqual(written.map((e, i) => [id, i, e.type, e.data, e.metadata, e.eventId]));
      expect(read[1]!.position).toBe(result.position);
      expect(read[0]!.position < read[1]!.position).toBe(true);
    });

    it('keeps an idempotency key in the metadata when there is one', async () => {
      const id = stream();
      const withKey = { ...event(), metadata: { ...event().metadata, idempotencyKey: 'key-1' } };
      await store.append(id, [withKey], 'no-stream');
      expect((await store.readStream(id))[0]!.metadata).toEqual(withKey.metadata);
    });

    it('enforces each expected state', async () => {
      const id = stream();
      await expect(store.append(id, [event()], 'exists')).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      await expect(store.append(id, [event()], 0)).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      await store.append(id, [event()], 'no-stream');
      await expect(store.append(id, [event()], 'no-stream')).rejects.toMatchObject({ actual: 0 });
      await store.append(id, [event()], 'exists');
      await expect(store.append(id, [event()], 0)).rejects.toMatchObject({
        streamId: id,
        expected: 0,
        actual: 1,
      });
      expect((await store.append(id, [event()], 1)).revision).toBe(2);
      expect((await store.append(id, [event()], 'any')).revision).toBe(3);
      expect((await store.append(stream(), [event()], 'any')).revision).toBe(0);
      expect(await store.readStream(id)).toHaveLength(4);
    });

    it('writes nothing when the expected state does not hold', async () => {
      const id = stream();
      await store.append(id, [event()], 'no-stream');
      await expect(store.append(id, [event(), event()], 5)).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      expect(await store.readStream(id)).toHaveLength(1);
    });

    it('appends only while each stream it is conditioned on is as expected', async () => {
      const id = stream();
      const other = stream();
      await store.append(other, [event()], 'no-stream');
      await store.append(id, [event()], 'no-stream', [{ streamId: other, expected: 0 }]);
      await expect(
        store.append(id, [event(), event()], 0, [
          { streamId: stream(), expected: 'no-stream' },
          { streamId: other, expected: 'no-stream' },
        ]),
      ).rejects.toMatchObject({ streamId: other, expected: 'no-stream', actual: 0 });
      await expect(
        store.append(id, [event()], 0, [{ streamId: stream(), expected: 'exists' }]),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(id)).toHaveLength(1);
      expect(await store.readStream(other)).toHaveLength(1);
      const result = await store.append(id, [event()], 0, [
        { streamId: other, expected: 'exists' },
        { streamId: stream(), expected: 'no-stream' },
      ]);
      expect(result.revision).toBe(1);
    });

    it('answers a retried conditioned append as done, though its condition no longer holds', async () => {
      const id = stream();
      const other = stream();
      const batch = [event()];
      const first = await store.append(id, batch, 'no-stream', [
        { streamId: other, expected: 'no-stream' },
      ]);
      await store.append(other, [event()], 'no-stream');
      const again = await store.append(id, batch, 'no-stream', [
        { streamId: other, expected: 'no-stream' },
      ]);
      expect(again).toMatchObject({ revision: first.revision, position: first.position });
      expect(await store.readStream(id)).toHaveLength(1);
    });

    it('takes concurrent appends that expect any or an existing stream, every one, in one chain', async () => {
      const id = stream();
      await store.append(id, [event()], 'no-stream');
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.append(id, [event('E', { i })], i % 2 === 0 ? 'any' : 'exists'),
        ),
      );
      const stored = await store.readStream(id);
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      for (let i = 1; i < stored.length; i++)
        expect(stored[i]!.previousHash).toBe(stored[i - 1]!.hash);
    });

    it('recognises a retried append after another writer appended behind it', async () => {
      const id = stream();
      const batch = [event(), event()];
      const first = await store.append(id, batch, 'no-stream');
      await store.append(id, [event()], 'any');
      expect(await store.append(id, batch, 'any')).toEqual({ ...first, retried: true });
      expect(await store.readStream(id)).toHaveLength(3);
    });

    it('counts the events after a position, up to a cap', async () => {
      const head = await store.headPosition();
      await store.append(stream(), [event(), event(), event()], 'no-stream');
      expect(await store.countAfter(head, 100)).toBe(3);
      expect(await store.countAfter(head, 2)).toBe(2);
      expect(await store.countAfter(await store.headPosition(), 100)).toBe(0);
    });

    it('recognises a retried append by its event ids', async () => {
      const id = stream();
      const batch = [event(), event()];
      const first = await store.append(id, batch, 'no-stream');
      const retry = await store.append(id, batch, 'no-stream');
      expect(first).not.toHaveProperty('retried');
      expect(retry).toEqual({ ...first, retried: true });
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('reads forwards and backwards from a revision, with a limit', async () => {
      const id = stream();
      await store.append(
        id,
        Array.from({ length: 10 }, (_, i) => event('E', { i })),
        'no-stream',
      );
      const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
      expect(revisions(await store.readStream(id, { fromRevision: 7 }))).toEqual([7, 8, 9]);
      expect(revisions(await store.readStream(id, { fromRevision: 2, maxCount: 3 }))).toEqual([
        2, 3, 4,
      ]);
      expect(
        revisions(await store.readStream(id, { direction: 'backwards', maxCount: 2 })),
      ).toEqual([9, 8]);
      expect(
        revisions(await store.readStream(id, { direction: 'backwards', fromRevision: 3 })),
      ).toEqual([3, 2, 1, 0]);
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('chains hashes per stream from 64 zeros', async () => {
      const id = stream();
      await store.append(id, [event('A')], 'no-stream');
      await store.append(id, [event('B'), event('C')], 0);
      const events = await store.readStream(id);
      expect(events[0]!.previousHash).toBe(GENESIS_HASH);
      events.forEach((e, i) => {
        expect(e.previousHash).toBe(i === 0 ? GENESIS_HASH : events[i - 1]!.hash);
        expect(e.hash).toBe(chainHash(e.previousHash, e));
      });
    });

    it('reads all streams in global order after a position', async () => {
      const start = await store.headPosition();
      const [s1, s2] = [stream(), stream()];
      await store.append(s1, [event('A')], 'no-stream');
      await store.append(s2, [event('B')], 'no-stream');
      await store.append(s1, [event('C')], 0);
      const mine = (events: RecordedEvent[]) =>
        events.filter((e) => e.streamId === s1 || e.streamId === s2);
      const all = mine(await store.readAll({ after: start, maxCount: 1000 }));
      expect(all.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      const afterFirst = mine(await store.readAll({ after: all[0]!.position, maxCount: 1000 }));
      expect(afterFirst.map((e) => e.type)).toEqual(['B', 'C']);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(all[2]!.position);
    });

    it('lets exactly one of many concurrent appends at one revision through', async () => {
      const id = stream();
      await store.append(id, [event()], 'no-stream');
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => store.append(id, [event()], 0)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(
        results
          .filter((r) => r.status === 'rejected')
          .every((r) => r.reason instanceof WrongExpectedVersionError),
      ).toBe(true);
      expect((await store.readStream(id)).map((e) => e.revision)).toEqual([0, 1]);
    });

    it('subscribes from a position: catch-up, then live', async () => {
      const start = await store.headPosition();
      const id = stream();
      await store.append(id, [event('Old1'), event('Old2')], 'no-stream');
      const controller = new AbortController();
      const seen: string[] = [];
      const consumed = (async () => {
        for await (const e of store.subscribeToAll({ after: start, signal: controller.signal })) {
          if (e.streamId !== id) continue;
          seen.push(e.type);
          if (seen.length === 4) controller.abort();
        }
      })();
      await waitFor(() => seen.length === 2);
      await store.append(id, [event('New1')], 1);
      await store.append(id, [event('New2')], 2);
      await consumed;
      expect(seen).toEqual(['Old1', 'Old2', 'New1', 'New2']);
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

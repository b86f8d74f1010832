import { randomUUID } from 'node:crypto';
import type { ReadStore } from '../read-store.port';

export interface ReadStoreSubject {
  readonly store: ReadStore;
  cleanup(): Promise<void>;
}

/** The behaviour both read stores share. Collection names are unique per test, so a shared server works. */
export function describeReadStoreContract(
  name: string,
  open: () => Promise<ReadStoreSubject>,
): void {
  describe(`read store contract: ${name}`, () => {
    let subject: ReadStoreSubject;
    let store: ReadStore;
    let collection: string;
    let projection: string;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
      collection = `c${randomUUID().replace(/-/g, '')}`;
      projection = `p${randomUUID().replace(/-/g, '')}`;
    });
    afterEach(async () => {
      await store.drop([collection, `${collection}__next`], projection);
      await subject.cleanup();
    });

    const docs = [
      {
        _id: 'a',
        name: 'Alpha',
        country: 'DE',
        tags: ['x', 'y'],
        signedAt: '2025-01-02T00:00:00.000Z',
      },
      { _id: 'b', name: 'Beta', country: 'FR', tags: ['y'], signedAt: '2025-03-02T00:00:00.000Z' },
      { _id: 'c', name: 'Gamma', country: 'DE', tags: [], signedAt: '2024-11-02T00:00:00.000Z' },
    ];
    const seed = () =>
      store.commit(
        projection,
        docs.map((d) => ({ collection, id: d._id, document: d })),
        10n,
      );

    it('commits documents with their checkpoint and finds them by id', async () => {
      await seed();
      expect(await store.findById(collection, 'b')).toEqual(docs[1]);
      expect(await store.findById(collection, 'zz')).toBeUndefined();
      expect(await store.checkpoint(projection)).toEqual({
        name: projection,
        position: 10n,
        status: 'running',
      });
    });

    it('runs aggregation pipelines: match, addFields, sort, facet with count', async () => {
      await seed();
      const [page] = await store.aggregate<{
        items: { _id: string; year: string }[];
        total: { n: number }[];
      }>(collection, [
        { $match: { country: 'DE', tags: 'x' } },
        { $addFields: { year: { $substrCP: ['$signedAt', 0, 4] } } },
        { $sort: { signedAt: -1, _id: 1 } },
        {
          $facet: {
            items: [{ $skip: 0 }, { $limit: 10 }, { $project: { _id: 1, year: 1 } }],
            total: [{ $count: 'n' }],
          },
        },
      ]);
      expect(page).toEqual({ items: [{ _id: 'a', year: '2025' }], total: [{ n: 1 }] });
      const grouped = await store.aggregate(collection, [
        { $group: { _id: '$country', n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ]);
      expect(grouped).toEqual([
        { _id: 'DE', n: 2 },
        { _id: 'FR', n: 1 },
      ]);
      const searched = await store.aggregate(collection, [
        { $match: { name: { $regex: 'ET', $options: 'i' } } },
        { $project: { _id: 1 } },
      ]);
      expect(searched).toEqual([{ _id: 'b' }]);
    });

    it('replaces and deletes documents', async () => {
      await seed();
      await store.commit(
        projection,
        [
          { collection, id: 'a', document: { _id: 'a', name: 'Alpha 2' } },
          { collection, id: 'c', document: null },
        ],
        11n,
      );
      expect(await store.findById(collection, 'a')).toEqual({ _id: 'a', name: 'Alpha 2' });
      expect(await store.findById(collection, 'c')).toBeUndefined();
      expect((await store.checkpoint(projection)).position).toBe(11n);
    });

    it('leaves the same documents when a batch is applied twice', async () => {
      await seed();
      await seed();
      const all = await store.aggregate(collection, [{ $sort: { _id: 1 } }]);
      expect(all).toEqual(docs);
    });

    it('records the batch position of each written document in the reserved _position, which reads leave out', async () => {
      await seed();
      await store.commit(
        projection,
        [{ collection, id: 'a', document: { _id: 'a', name: 'Alpha 2', _position: 999 } }],
        11n,
      );
      expect(await store.appliedPosition(collection, 'a')).toBe(11n);
      expect(await store.appliedPosition(collection, 'b')).toBe(10n);
      expect(await store.appliedPosition(collection, 'zz')).toBeUndefined();
      expect(await store.findById(collection, 'a')).toEqual({ _id: 'a', name: 'Alpha 2' });
      const page = await store.page(collection, { filter: {}, sort: { _id: 1 }, limit: 10 });
      expect(page.documents.every((d) => !('_position' in d))).toBe(true);
      const all = await store.aggregate(collection, [{ $sort: { _id: 1 } }]);
      expect(all.every((d) => !('_position' in d))).toBe(true);
      await store.commit(projection, [{ collection, id: 'a', document: null }], 12n);
      expect(await store.appliedPosition(collection, 'a')).toBeUndefined();
    });

    it('queues operations for the running projector and records how they ended', async () => {
      const id = `op-${randomUUID()}`;
      const requested = {
        id,
        kind: 'rebuild' as const,
        name: 'registry',
        requestedAt: '2026-11-30T10:00:00.000Z',
        status: 'pending' as const,
      };
      await store.requestOperation(requested);
      await store.requestOperation({ ...requested, name: 'other' });
      expect(await store.operation(id)).toEqual(requested);
      expect((await store.pendingOperations()).filter((o) => o.id === id)).toEqual([requested]);
      const done = {
        ...requested,
        status: 'done' as const,
        finishedAt: '2026-11-30T10:00:05.000Z',
      };
      await store.finishOperation(done);
      expect(await store.operation(id)).toEqual(done);
      expect((await store.pendingOperations()).some((o) => o.id === id)).toBe(false);
    });

    it('keeps a checkpoint per projection and a status', async () => {
      await store.commit(projection, [], 5n);
      await store.setStatus(projection, 'stopped');
      expect(await store.checkpoint(projection)).toEqual({
        name: projection,
        position: 5n,
        status: 'stopped',
      });
      expect(await store.checkpoint(`${projection}-other`)).toEqual({
        name: `${projection}-other`,
        position: 0n,
        status: 'running',
      });
      expect((await store.checkpoints()).find((c) => c.name === projection)?.position).toBe(5n);
    });

    it('keeps dead letters until removed', async () => {
      const letter = {
        projection,
        position: '7',
        eventId: 'e',
        type: 'Broken',
        error: 'boom',
        failedAt: '2026-01-01T00:00:00.000Z',
      };
      await store.addDeadLetter(letter);
      expect((await store.deadLetters()).filter((l) => l.projection === projection)).toEqual([
        letter,
      ]);
      await store.removeDeadLetter(projection, '7');
      expect((await store.deadLetters()).filter((l) => l.projection === projection)).toEqual([]);
    });

    it('finds pages in sort order from a keyset, and counts, through a declared index', async () => {
      await store.ensureIndexes([{ collection, keys: { country: 1, signedAt: 1 } }]);
      const many = Array.from({ length: 25 }, (_, i) => ({
        _id: `m${String(i).padStart(2, '0')}`,
        country: ['DE', 'FR', 'IT'][i % 3]!,
        tags: i % 2 ? ['x'] : ['x', 'y'],
        signedAt: `2025-0${1 + (i % 4)}-01T00:00:00.000Z`,
      }));
      await store.commit(
        projection,
        many.map((d) => ({ collection, id: d._id, document: d })),
        1n,
      );
      const filter = { country: { $in: ['DE', 'FR'] }, tags: 'y' };
      const expected = many
        .filter((d) => d.country !== 'IT' && d.tags.includes('y'))
        .sort((a, b) => b.signedAt.localeCompare(a.signedAt) || b._id.localeCompare(a._id))
        .map((d) => d._id);
      const seen: string[] = [];
      let after: unknown[] | undefined;
      for (;;) {
        const { documents: page, total } = await store.page(collection, {
          filter,
          sort: { signedAt: -1 },
          after,
          limit: 3,
        });
        expect(total).toBe(expected.length);
        seen.push(...page.map((d) => d._id));
        if (page.length < 3) break;
        const last = page[page.length - 1]!;
        after = [last['signedAt'], last._id];
      }
      expect(seen).toEqual(expected);
      expect(await store.count(collection, filter)).toBe(expected.length);
      expect(await store.count(collection, {})).toBe(25);
      const skipped = (
        await store.page(collection, {
          filter,
          sort: { signedAt: -1 },
          skip: 2,
          limit: 2,
        })
      ).documents;
      expect(skipped.map((d) => d._id)).toEqual(expected.slice(2, 4));

      await store.commit(
        projection,
        [
          { collection, id: expected[0]!, document: null },
          {
            collection,
            id: 'new',
            document: {
              _id: 'new',
              country: 'DE',
              tags: ['y'],
              signedAt: '2026-01-01T00:00:00.000Z',
            },
          },
        ],
        2n,
      );
      const first = (await store.page(collection, { filter, sort: { signedAt: -1 }, limit: 2 }))
        .documents;
      expect(first.map((d) => d._id)).toEqual(['new', expected[1]]);
      expect(await store.count(collection, filter)).toBe(expected.length);
    });

    it('swaps rebuilt collections in and moves the checkpoint', async () => {
      await seed();
      await store.commit(
        `${projection}__next`,
        [{ collection: `${collection}__next`, id: 'n', document: { _id: 'n', name: 'New' } }],
        42n,
      );
      await store.swap([collection], '__next', projection);
      expect(await store.aggregate(collection, [])).toEqual([{ _id: 'n', name: 'New' }]);
      expect(await store.aggregate(`${collection}__next`, [])).toEqual([]);
      expect(await store.checkpoint(projection)).toEqual({
        name: projection,
        position: 42n,
        status: 'running',
      });
    });
  });
}

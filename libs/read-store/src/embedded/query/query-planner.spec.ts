import fc from 'fast-check';
import { aggregate, Query } from 'mingo';
import { totalOrder, type ReadDocument } from '../../read-store.port';
import { compileFilter } from './compiled-filter';
import { MemoryIndex } from './memory-index';
import { count, findPage, plan } from './query-planner';

/**
 * The embedded store's finds and counts walk its in-memory indexes; mingo scanning every document is
 * the reference they must agree with, for any documents, filter, sort, index declarations and page
 * size.
 */
const LETTERS = ['x', 'y', 'z'] as const;

const documentArb = (id: number) =>
  fc
    .record(
      {
        a: fc.oneof(fc.constantFrom(...LETTERS), fc.constant(null)),
        b: fc.integer({ min: 0, max: 4 }),
        tags: fc.subarray(['p', 'q', 'r']),
        s: fc.constantFrom('2025-01', '2025-02', '2025-03', 'Beta', 'alpha'),
        c: fc.option(fc.constantFrom('DE', 'FR'), { nil: undefined }),
      },
      { requiredKeys: ['b', 'tags', 's'] },
    )
    .map((fields) => {
      const document: Record<string, unknown> = { _id: `d${String(id).padStart(3, '0')}` };
      for (const [key, value] of Object.entries(fields))
        if (value !== undefined) document[key] = value;
      return document as ReadDocument;
    });

const documentsArb = fc
  .integer({ min: 0, max: 60 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => documentArb(i))));

const conditionArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constantFrom(...LETTERS).map((v) => ({ a: v })),
  fc.subarray([...LETTERS, null]).map((vs) => ({ a: { $in: vs } })),
  fc.constantFrom(...LETTERS).map((v) => ({ a: { $ne: v } })),
  fc.constant({ a: null }),
  fc.constant({ a: { $ne: null } }),
  fc.integer({ min: 0, max: 4 }).map((v) => ({ b: v })),
  fc.integer({ min: 0, max: 4 }).map((v) => ({ b: { $gte: v } })),
  fc.integer({ min: 0, max: 4 }).map((v) => ({ b: { $gt: 0, $lt: v } })),
  fc.integer({ min: 0, max: 4 }).map((v) => ({ b: { $lte: v, $gte: v - 2 } })),
  fc.constantFrom('2025-02', 'Beta').map((v) => ({ s: { $gt: v } })),
  fc.constantFrom('2025-02', 'alpha').map((v) => ({ s: { $gte: '2025', $lt: v } })),
  fc.constantFrom('p', 'q', 'r').map((v) => ({ tags: v })),
  fc.subarray(['p', 'q', 'r']).map((vs) => ({ tags: { $in: vs } })),
  fc.constantFrom('p', 'q').map((v) => ({ tags: { $nin: [v] } })),
  fc.constantFrom('2025-02', 'Beta').map((v) => ({ s: { $lte: v } })),
  fc.constantFrom('a', 'ET', '025').map((v) => ({ s: { $regex: v, $options: 'i' } })),
  fc.boolean().map((exists) => ({ c: { $exists: exists } })),
  fc.constantFrom('DE', 'FR').map((v) => ({ c: v })),
);

const filterArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant({}),
  fc
    .array(conditionArb, { minLength: 1, maxLength: 3 })
    .map((parts) => Object.assign({}, ...parts)),
  fc.array(conditionArb, { minLength: 1, maxLength: 3 }).map((parts) => ({ $and: parts })),
  fc.array(conditionArb, { minLength: 1, maxLength: 3 }).map((parts) => ({ $or: parts })),
  fc
    .tuple(conditionArb, fc.array(conditionArb, { minLength: 1, maxLength: 2 }))
    .map(([first, rest]) => ({ ...first, $nor: rest })),
);

const sortArb = fc.constantFrom<Record<string, 1 | -1>[]>(
  { s: 1 },
  { s: -1 },
  { b: 1, s: -1 },
  { b: -1 },
  { _id: 1 },
  { _id: -1 },
);

const indexesArb = fc.subarray<Record<string, 1 | -1>>([
  { a: 1, s: 1 },
  { a: 1, b: 1, s: -1 },
  { b: -1 },
  { b: 1 },
  { tags: 1, s: 1 },
  { c: 1, a: 1, b: 1, s: 1 },
  { s: 1 },
]);

function reference(
  documents: readonly ReadDocument[],
  filter: object,
  sort: Record<string, 1 | -1>,
) {
  return aggregate(
    [...documents],
    [{ $match: filter }, { $sort: Object.fromEntries(totalOrder(sort)) }],
  ) as ReadDocument[];
}

function collectionOf(documents: readonly ReadDocument[], keys: Record<string, 1 | -1>[]) {
  const byId = new Map(documents.map((d) => [d._id, d]));
  return { documents: byId, indexes: keys.map((k) => new MemoryIndex(k, byId.values())) };
}

describe('embedded query planner', () => {
  it('compiles filters that agree with mingo on every document', () => {
    fc.assert(
      fc.property(documentsArb, filterArb, (documents, filter) => {
        const compiled = compileFilter(filter);
        const query = new Query(filter);
        for (const document of documents) expect(compiled(document)).toBe(query.test(document));
      }),
      { numRuns: 300 },
    );
  });

  it('pages through any filter and sort, page after page from a keyset, as mingo orders them', () => {
    fc.assert(
      fc.property(
        documentsArb,
        filterArb,
        sortArb,
        indexesArb,
        fc.integer({ min: 1, max: 7 }),
        // Walks that give up at once, after a few entries, or never: each path must agree.
        fc.constantFrom(-1_000, 1, 1_000),
        (documents, filter, sort, keys, limit, budget) => {
          const collection = collectionOf(documents, keys);
          const expected = reference(documents, filter, sort).map((d) => d._id);
          const order = totalOrder(sort);
          const seen: string[] = [];
          let after: unknown[] | undefined;
          for (let pages = 0; pages < 100; pages++) {
            const page = findPage(collection, { filter, sort, after, limit }, budget);
            expect(page.total).toBe(expected.length);
            seen.push(...page.documents.map((d) => d._id));
            if (page.documents.length < limit) break;
            const last = page.documents[page.documents.length - 1]!;
            after = order.map(([field]) => last[field]);
          }
          expect(seen).toEqual(expected);
          expect(count(collection, filter)).toBe(expected.length);
          const skip = Math.min(3, expected.length);
          const skipped = findPage(collection, { filter, sort, skip, limit }, budget);
          expect(skipped.documents.map((d) => d._id)).toEqual(expected.slice(skip, skip + limit));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps its indexes in step with replaced and deleted documents', () => {
    fc.assert(
      fc.property(
        documentsArb,
        documentsArb,
        filterArb,
        sortArb,
        indexesArb,
        (first, second, filter, sort, keys) => {
          const collection = collectionOf(first, keys);
          const documents = collection.documents;
          // The second generation replaces the documents it shares ids with and deletes the rest.
          const next = new Map(second.map((d) => [d._id, d]));
          for (const before of [...documents.values()]) {
            const after = next.get(before._id);
            if (after) documents.set(after._id, after);
            else documents.delete(before._id);
            for (const index of collection.indexes) index.update(before, after);
          }
          for (const after of second)
            if (!first.some((d) => d._id === after._id)) {
              documents.set(after._id, after);
              for (const index of collection.indexes) index.update(undefined, after);
            }
          const expected = reference(second, filter, sort);
          const page = findPage(collection, { filter, sort, limit: 500 });
          // Whole documents: an index entry whose key a replacement left alone must give the new one.
          expect(page.documents).toEqual(expected);
          expect(page.total).toBe(expected.length);
          expect(count(collection, filter)).toBe(expected.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('walks the index whose leading fields the filter fixes and whose next fields are the sort', () => {
    const documents = [{ _id: '1', a: 'x', b: 1, s: 'k' }];
    const { indexes } = collectionOf(documents, [{ b: 1 }, { a: 1, s: 1 }, { a: 1, b: 1, s: 1 }]);
    const registry = plan(indexes, { a: { $in: ['x', 'y'] }, b: 2 }, totalOrder({ s: -1 }));
    expect(registry.index?.fields).toEqual(['a', 'b', 's', '_id']);
    expect(registry).toMatchObject({
      ordered: true,
      reverse: true,
      covered: true,
      duplicates: false,
    });
    expect(registry.prefixes).toEqual([
      ['x', 2],
      ['y', 2],
    ]);
    const residual = plan(indexes, { a: 'x', s: { $regex: 'k' } }, totalOrder({ s: 1 }));
    expect(residual).toMatchObject({ ordered: true, reverse: false, covered: false });
    expect(residual.index?.fields).toEqual(['a', 's', '_id']);
    expect(plan(indexes, { s: 'k' }, totalOrder({ s: 1 })).index).toBeUndefined();
  });
});

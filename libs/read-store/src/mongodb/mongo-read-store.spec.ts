import { Long } from 'mongodb';
import { afterFilter, totalOrder } from '../read-store.port';
import { aggregate } from 'mingo';
import type { ReadDocument } from '../read-store.port';
import { groupByCollection, guardedReplacement, indexKeys, indexName } from './mongo-read-store';

describe('MongoDB write mapping', () => {
  it('replaces through an update keyed on _id alone, and deletes only what no later batch wrote', () => {
    const grouped = groupByCollection(
      [
        { collection: 'pledges', id: 'p1', document: { _id: 'p1', status: 'signed' } },
        { collection: 'pledges', id: 'p2', document: null },
        { collection: 'organisations', id: 'o1', document: { _id: 'o1', name: 'Acme' } },
      ],
      12n,
    );
    const at = Long.fromBigInt(12n);
    expect(grouped.get('pledges')).toEqual([
      {
        updateOne: {
          filter: { _id: 'p1' },
          update: [guardedReplacement({ _id: 'p1', status: 'signed' }, at)],
          upsert: true,
        },
      },
      {
        deleteOne: {
          filter: {
            _id: 'p2',
            $or: [{ _position: { $lt: at } }, { _position: { $exists: false } }],
          },
        },
      },
    ]);
    expect(grouped.get('organisations')).toHaveLength(1);
  });

  /**
   * The pipeline's logic, run by mingo (MongoDB's own semantics of these operators, not the server):
   * positions as plain numbers, since mingo does not order BSON Longs.
   */
  describe('the guarded replacement', () => {
    const run = (stored: Record<string, unknown>, document: ReadDocument, at: number) => {
      const stage = JSON.parse(
        JSON.stringify(guardedReplacement(document, Long.fromNumber(at)), (_key, value: unknown) =>
          value instanceof Long ||
          (typeof value === 'object' && value && 'low' in value && 'high' in value)
            ? Long.fromValue(value as Long).toNumber()
            : value,
        ),
      ) as Record<string, unknown>;
      return aggregate([stored], [stage])[0];
    };

    it('swaps in the new document, stamped, over an older or unstamped one, and over an upsert', () => {
      const next = { _id: 'p1', status: 'published' };
      expect(run({ _id: 'p1', status: 'signed', _position: 11 }, next, 12)).toEqual({
        ...next,
        _position: 12,
      });
      expect(run({ _id: 'p1', status: 'signed' }, next, 12)).toEqual({ ...next, _position: 12 });
      expect(run({ _id: 'p1' }, next, 12)).toEqual({ ...next, _position: 12 });
    });

    it('keeps a document as new or newer, and reads no string of the new one as an expression', () => {
      const stored = { _id: 'p1', status: 'withdrawn', _position: 12 };
      expect(run(stored, { _id: 'p1', status: 'published' }, 12)).toEqual(stored);
      expect(run({ ...stored, _position: 13 }, { _id: 'p1', status: 'x' }, 12)).toEqual({
        ...stored,
        _position: 13,
      });
      const dollars = { _id: 'p1', summary: '$status costs $$ROOT', _position: 'ignored' };
      expect(run({ _id: 'p1', _position: 1 }, dollars, 12)).toEqual({
        _id: 'p1',
        summary: '$status costs $$ROOT',
        _position: 12,
      });
    });
  });
});

describe('MongoDB index and keyset mapping', () => {
  it('creates each declared index with `_id` last, in the direction of the last field', () => {
    expect(indexKeys({ status: 1, signedAt: -1 })).toEqual({ status: 1, signedAt: -1, _id: -1 });
    expect(Object.keys(indexKeys({ status: 1, signedAt: -1 }))).toEqual([
      'status',
      'signedAt',
      '_id',
    ]);
    expect(indexKeys({ reviewStatus: 1, _id: 1 })).toEqual({ reviewStatus: 1, _id: 1 });
    expect(indexName(indexKeys({ status: 1, signedAt: -1 }))).toBe('status_1_signedAt_-1__id_-1');
  });

  it('turns a keyset into the filter of the documents strictly after it in the sort', () => {
    expect(afterFilter(totalOrder({ signedAt: -1 }), ['2025-01-01', 'p7'])).toEqual({
      $or: [{ signedAt: { $lt: '2025-01-01' } }, { signedAt: '2025-01-01', _id: { $lt: 'p7' } }],
    });
    expect(afterFilter(totalOrder({ name: 1, signedAt: 1 }), ['B', 'S', 'x'])).toEqual({
      $or: [
        { name: { $gt: 'B' } },
        { name: 'B', signedAt: { $gt: 'S' } },
        { name: 'B', signedAt: 'S', _id: { $gt: 'x' } },
      ],
    });
  });
});

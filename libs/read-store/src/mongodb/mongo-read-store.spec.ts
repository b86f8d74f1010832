import { Long } from 'mongodb';
import { afterFilter, totalOrder } from '../read-store.port';
import { groupByCollection, indexKeys, indexName } from './mongo-read-store';

describe('MongoDB write mapping', () => {
  it('makes every replace and delete conditional on an older stored position', () => {
    const grouped = groupByCollection(
      [
        { collection: 'pledges', id: 'p1', document: { _id: 'p1', status: 'signed' } },
        { collection: 'pledges', id: 'p2', document: null },
        { collection: 'organisations', id: 'o1', document: { _id: 'o1', name: 'Acme' } },
      ],
      12n,
    );
    const guard = {
      $or: [{ _position: { $lt: Long.fromBigInt(12n) } }, { _position: { $exists: false } }],
    };
    expect(grouped.get('pledges')).toEqual([
      {
        replaceOne: {
          filter: { _id: 'p1', ...guard },
          replacement: { _id: 'p1', status: 'signed', _position: Long.fromBigInt(12n) },
          upsert: true,
        },
      },
      { deleteOne: { filter: { _id: 'p2', ...guard } } },
    ]);
    expect(grouped.get('organisations')).toHaveLength(1);
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

import { Long } from 'mongodb';
import { groupByCollection } from './mongo-read-store';

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

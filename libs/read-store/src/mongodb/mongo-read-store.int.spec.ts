import { onServer } from '../../../../test/support/server-suites';
import { describeReadStoreContract } from '../testing/read-store.contract';
import { MongoReadStore } from './mongo-read-store';

onServer('MONGODB_URL', 'the MongoDB read store contract suite and index test', (url) => {
  describeReadStoreContract('mongodb', async () => {
    const store = await MongoReadStore.connect(url);
    return { store, cleanup: () => store.close() };
  });

  describe('MongoDB read store indexes', () => {
    it('gives a rebuilt collection the declared compound indexes before it goes live', async () => {
      const store = await MongoReadStore.connect(url);
      const name = `idx${Date.now()}`;
      await store.ensureIndexes([{ collection: name, keys: { status: 1, signedAt: 1 } }]);
      await store.commit(
        `${name}p__next`,
        [
          {
            collection: `${name}__next`,
            id: 'a',
            document: { _id: 'a', status: 's', signedAt: 't' },
          },
        ],
        1n,
      );
      await store.swap([name], '__next', `${name}p`);
      const indexes = await store.indexNames(name);
      await store.drop([name], `${name}p`);
      await store.close();
      expect(indexes).toContain('status_1_signedAt_1__id_1');
    });
  });
});

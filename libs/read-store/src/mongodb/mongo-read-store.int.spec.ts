import { describeReadStoreContract } from '../testing/read-store.contract';
import { MongoReadStore } from './mongo-read-store';

const url = process.env['MONGODB_URL'];

if (url) {
  describeReadStoreContract('mongodb', async () => {
    const store = await MongoReadStore.connect(url);
    return { store, cleanup: () => store.close() };
  });
} else {
  describe('read store contract: mongodb', () => {
    it.skip('SKIPPED: MONGODB_URL is not set, so the MongoDB read store contract suite did not run', () =>
      undefined);
  });
  process.stderr.write(
    '\n[read-store] SKIPPED the MongoDB contract suite: set MONGODB_URL to run it against a server.\n',
  );
}

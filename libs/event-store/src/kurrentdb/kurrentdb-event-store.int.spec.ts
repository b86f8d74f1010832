import { describeEventStoreContract } from '../testing/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

const url = process.env['KURRENTDB_URL'];

if (url) {
  describeEventStoreContract('kurrentdb', () => {
    const store = new KurrentDbEventStore(url);
    return Promise.resolve({ store, cleanup: () => store.close() });
  });
} else {
  describe('event store contract: kurrentdb', () => {
    it.skip('SKIPPED: KURRENTDB_URL is not set, so the KurrentDB event store contract suite did not run', () =>
      undefined);
  });
  process.stderr.write(
    '\n[event-store] SKIPPED the KurrentDB contract suite: set KURRENTDB_URL (for example ' +
      'kurrentdb://localhost:2113?tls=false) to run it against a server.\n',
  );
}

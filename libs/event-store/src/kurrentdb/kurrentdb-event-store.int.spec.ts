import { onServer } from '../../../../test/support/server-suites';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

onServer('KURRENTDB_URL', 'the KurrentDB event store contract suite', (url) =>
  describeEventStoreContract('kurrentdb', () => {
    const store = new KurrentDbEventStore(url);
    return Promise.resolve({ store, cleanup: () => store.close() });
  }),
);

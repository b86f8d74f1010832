import { openAppDatabase } from '@pact/infrastructure';
import { MongoClient } from 'mongodb';
import { onServer } from '../../../test/support/server-suites';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoDeliveryLog } from './delivery/mongo-delivery-log';
import { SqliteDeliveryLog } from './delivery/sqlite-delivery-log';
import { MongoReminderLedger } from './scheduling/mongo-reminder-ledger';
import { SqliteReminderLedger } from './scheduling/sqlite-reminder-ledger';
import { describeReminderStoresContract } from './testing/reminder-stores.contract';

describeReminderStoresContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pact-reminders-'));
  const db = openAppDatabase(join(dir, 'app.db'), 'NORMAL');
  return Promise.resolve({
    ledger: new SqliteReminderLedger(db),
    deliveries: new SqliteDeliveryLog(db),
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

onServer('MONGODB_URL', 'the MongoDB reminder ledger and delivery log', (url) =>
  describeReminderStoresContract('mongodb', async () => {
    const client = await MongoClient.connect(url);
    const db = client.db(`pact_reminders_${randomUUID().slice(0, 8)}`);
    return {
      ledger: new MongoReminderLedger(db),
      deliveries: new MongoDeliveryLog(db),
      cleanup: async () => {
        await db.dropDatabase();
        await client.close();
      },
    };
  }),
);

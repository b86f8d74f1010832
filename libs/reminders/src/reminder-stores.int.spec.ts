import { openAppDatabase } from '@pact/infrastructure';
import { MongoClient } from 'mongodb';
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

const url = process.env['MONGODB_URL'];
if (url) {
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
  });
} else {
  describe('reminder ledger and delivery log: mongodb', () => {
    it.skip('SKIPPED: MONGODB_URL is not set, so the MongoDB reminder ledger and delivery log did not run', () =>
      undefined);
  });
  process.stderr.write(
    '\n[reminders] SKIPPED the MongoDB reminder ledger and delivery log contract suite: set MONGODB_URL to run it.\n',
  );
}

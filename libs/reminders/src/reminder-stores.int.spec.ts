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

describe('SQLite reminder ledger, prompt counts', () => {
  it('counts the prompts of a database written before prompts were counted as noted, once however often it is opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-reminders-'));
    try {
      const db = openAppDatabase(join(dir, 'app.db'), 'NORMAL');
      // As an earlier version left it: prompts noted, no counts kept.
      db.exec(`CREATE TABLE reminder_prompts (prompt_id TEXT PRIMARY KEY, stage TEXT NOT NULL);
        INSERT INTO reminder_prompts VALUES ('p1', 'due'), ('p2', 'due'), ('p3', 'overdue');`);
      const ledger = new SqliteReminderLedger(db);
      expect(await ledger.promptCounts()).toEqual({ due: 2, overdue: 1 });
      await ledger.notePrompt('p4', 'upcoming');
      await ledger.notePrompt('p1', 'due');
      const reopened = new SqliteReminderLedger(db);
      expect(await reopened.promptCounts()).toEqual({ due: 2, overdue: 1, upcoming: 1 });
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

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

describe('SQLite reminder ledger, durability', () => {
  it('commits its writes at NORMAL (they follow from the log) and sets the connection back to FULL for the keys and deliveries beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-reminders-'));
    try {
      const db = openAppDatabase(join(dir, 'app.db'), 'FULL');
      const ledger = new SqliteReminderLedger(db);
      const deliveries = new SqliteDeliveryLog(db);
      // The levels each write sets, watched on the real connection (the calls go through to SQLite).
      const pragma = jest.spyOn(db, 'pragma');
      const settings = () =>
        pragma.mock.calls.map(([text]) => text).filter((text) => text.startsWith('synchronous ='));
      await ledger.saveCheckpoint('reminders', 7n);
      await ledger.setNextAtMany(new Map([['p1', 1000]]));
      await ledger.notePrompt('prompt-1', 'due');
      expect(settings()).toEqual(
        Array.from({ length: 3 }, () => ['synchronous = NORMAL', 'synchronous = 2']).flat(),
      );
      pragma.mockClear();
      await deliveries.record(
        { promptId: 'prompt-1', channel: 'webhook', organisationId: 'o1', payload: '{}' },
        new Date('2026-11-30T00:00:00.000Z'),
      );
      expect(settings()).toEqual([]);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(await ledger.checkpoint('reminders')).toBe(7n);
      expect(await ledger.promptCounts()).toEqual({ due: 1 });
      pragma.mockRestore();
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

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

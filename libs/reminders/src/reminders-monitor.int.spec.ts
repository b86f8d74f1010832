import { loadConfig } from '@pact/application';
import { openAppDatabase } from '@pact/infrastructure';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDeliveryLog } from './delivery/sqlite-delivery-log';
import { RemindersMonitor } from './reminders-monitor';
import { SqliteReminderLedger } from './scheduling/sqlite-reminder-ledger';
import { specQueues } from './testing/spec-queues';

describe('reminders in /health (real SQLite and Redis)', () => {
  it('answers, naming the ledger, when the ledger and delivery log cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-monitor-'));
    const db = openAppDatabase(join(dir, 'app.db'), 'NORMAL');
    const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    const queues = specQueues({ redisUrl });
    try {
      const monitor = new RemindersMonitor(
        loadConfig({ REDIS_URL: redisUrl }),
        queues,
        new SqliteReminderLedger(db),
        new SqliteDeliveryLog(db),
      );
      // The connection is made in the background.
      for (let i = 0; i < 100 && !(await queues.isUp()); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await monitor.health()).toMatchObject({
        status: 'up',
        prompts: {},
        scheduledPledges: 0,
        deliveries: { pending: 0, delivered: 0, dead: 0, cancelled: 0 },
      });
      // The store under the ledger goes away (as an unreachable MongoDB would).
      db.close();
      const health = await monitor.health();
      expect(health).toEqual({
        status: 'down',
        worker: 'in-process',
        message: expect.stringContaining('The reminder ledger and delivery log cannot be read'),
      });
    } finally {
      await queues.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

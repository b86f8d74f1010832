import { CLOCK } from '@pact/application';
import { defaultReportingConfig } from '@pact/domain';
import { EVENT_STORE, SqliteEventStore } from '@pact/event-store';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { openAppDatabase } from '@pact/infrastructure';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDeliveryLog } from '../delivery/sqlite-delivery-log';
import { DeliveryQueue } from '../delivery/delivery-queue';
import { PledgeReminders } from './pledge-reminders';
import {
  MarkNonReportingHandler,
  REMINDER_OPTIONS,
  ReminderPledgeStates,
  SendReportingPromptHandler,
} from './reminder-commands';
import { ReminderProcessor } from './reminder-processor';
import { SqliteReminderLedger } from './sqlite-reminder-ledger';
import { specQueues } from '../testing/spec-queues';

describe('reminder processor (real SQLite and Redis)', () => {
  it('finds nothing owed for a pledge its event store does not have (a stale job in a shared Redis)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-processor-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    const db = openAppDatabase(join(dir, 'app.db'), 'NORMAL');
    const queues = specQueues();
    try {
      const ledger = new SqliteReminderLedger(db);
      const clock = { now: () => new Date() };
      const options = { reporting: defaultReportingConfig(), sweepIntervalMs: 1000, email: false };
      // The real CommandBus and handlers, as the app wires them.
      const nest = await Test.createTestingModule({
        imports: [CqrsModule.forRoot()],
        providers: [
          ReminderPledgeStates,
          SendReportingPromptHandler,
          MarkNonReportingHandler,
          { provide: EVENT_STORE, useValue: store },
          { provide: CLOCK, useValue: clock },
          { provide: REMINDER_OPTIONS, useValue: options },
        ],
      }).compile();
      await nest.init();
      const processor = new ReminderProcessor(
        nest.get(CommandBus),
        new PledgeReminders(store, queues, ledger, defaultReportingConfig(), clock),
        new DeliveryQueue(store, new SqliteDeliveryLog(db), queues),
        ledger,
        clock,
        options,
      );
      const cause = { causationId: 'e', correlationId: 'c' };
      expect(
        await processor.process({
          kind: 'prompt',
          pledgeId: randomUUID(),
          cycle: 1,
          offset: 'P-30D',
          ...cause,
        }),
      ).toEqual({ kind: 'nothing-to-do', reason: 'no such pledge, or it is withdrawn' });
      expect(
        await processor.process({
          kind: 'non-reporting',
          pledgeId: randomUUID(),
          cycle: 1,
          ...cause,
        }),
      ).toMatchObject({ kind: 'nothing-to-do' });
      expect(await processor.process({ kind: 'sweep' })).toEqual({
        kind: 'swept',
        pledges: 0,
        deliveries: 0,
      });
    } finally {
      await queues.close();
      await store.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

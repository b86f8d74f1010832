import { defaultReportingConfig, pledgeStream, type PledgeSigned } from '@pact/domain';
import { ForwardingEventStore, SqliteEventStore, type ReadStreamOptions } from '@pact/event-store';
import { testEvent } from '@pact/event-store/testing';
import { openAppDatabase } from '@pact/infrastructure';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryQueue } from '../delivery/delivery-queue';
import { SqliteDeliveryLog } from '../delivery/sqlite-delivery-log';
import { TimelineNotices } from '../timeline/timeline-notices';
import { PledgeReminders } from './pledge-reminders';
import { planReminders } from './reminder-jobs';
import { ReminderScheduler } from './reminder-scheduler';
import { SqliteReminderLedger } from './sqlite-reminder-ledger';
import { specQueues } from '../testing/spec-queues';

const config = defaultReportingConfig();
const clock = { now: () => new Date() };

/** The real event store, counting the streams read through it. */
class CountingStreams extends ForwardingEventStore {
  readonly streams: string[] = [];
  override readStream(streamId: string, options?: ReadStreamOptions) {
    this.streams.push(streamId);
    return super.readStream(streamId, options);
  }
}

const envelope = (type: string, data: unknown) =>
  testEvent(type, data, { recordedAt: new Date().toISOString() });

const signed = (pledgeId: string): PledgeSigned['data'] => ({
  pledgeId,
  organisationId: `org-${pledgeId}`,
  signatory: { name: 'n', position: 'p' },
  signedAt: new Date().toISOString(),
  catalogueVersion: '2024-09',
  commitments: [{ code: 'ai-literacy', tier: 'core', actions: [] }],
});

describe('reminder scheduler (real SQLite and Redis)', () => {
  it('plans pledges whose whole stream is in the page from the page, and reads the others back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-scheduler-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    const counting = new CountingStreams(store);
    const db = openAppDatabase(join(dir, 'app.db'), 'NORMAL');
    const queues = specQueues();
    try {
      const ledger = new SqliteReminderLedger(db);
      const noCommands = { execute: () => Promise.reject(new Error('no commands here')) };
      const scheduler = new ReminderScheduler(
        counting,
        ledger,
        new PledgeReminders(counting, queues, ledger, config, clock),
        new DeliveryQueue(counting, new SqliteDeliveryLog(db), queues),
        clock,
        new TimelineNotices(counting, noCommands),
      );

      const pledges = Array.from({ length: 5 }, () => randomUUID());
      for (const pledgeId of pledges)
        await store.append(
          pledgeStream(pledgeId),
          [envelope('PledgeSigned', signed(pledgeId))],
          'no-stream',
        );
      await scheduler.catchUp();
      // Signed in the page: planned from it, no stream read back.
      expect(counting.streams).toEqual([]);
      const planned = (await store.readAll({ maxCount: 100 })).flatMap((event) => {
        const data = event.data as PledgeSigned['data'];
        return planReminders(
          {
            status: 'signed',
            ...data,
            completedCycles: 0,
            promptsSent: [],
            timelineNotices: [],
            commitments: data.commitments.map((c) => ({ ...c, milestones: [] })),
          },
          config,
          { causationId: event.eventId, correlationId: 'c' },
        );
      });
      const held = await queues.reminders.getJobs(['delayed', 'waiting']);
      expect(planned.length).toBeGreaterThan(0);
      expect(held.map((job) => job.id).sort()).toEqual(planned.map((job) => job.id).sort());
      expect(await ledger.scheduledPledges()).toBe(5);

      // Withdrawn later: its stream starts in an earlier page, so it is read, and its jobs go.
      await store.append(
        pledgeStream(pledges[0]!),
        [
          envelope('PledgeWithdrawn', {
            pledgeId: pledges[0],
            reason: 'r',
            withdrawnAt: new Date().toISOString(),
          }),
        ],
        0,
      );
      await scheduler.catchUp();
      expect(counting.streams).toEqual([pledgeStream(pledges[0]!)]);
      const left = await queues.reminders.getJobs(['delayed', 'waiting']);
      expect(left.some((job) => 'pledgeId' in job.data && job.data.pledgeId === pledges[0])).toBe(
        false,
      );
      expect(left).toHaveLength(
        planned.length - planned.filter((j) => j.data.pledgeId === pledges[0]).length,
      );
    } finally {
      await queues.close();
      await store.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

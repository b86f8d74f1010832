import { replay, type Clock } from '@pact/application';
import {
  pledgeDecider,
  pledgeStream,
  type PledgeEvent,
  type PledgeState,
  type ReportingConfig,
} from '@pact/domain';
import type { EventStore, RecordedEvent } from '@pact/event-store';
import type { Job } from 'bullmq';
import type { ReminderQueues } from '../queues/reminder-queues';
import {
  cycleCause,
  planReminders,
  reminderJobIds,
  type PlannedJob,
  type ReminderJob,
} from './reminder-jobs';
import type { ReminderLedger } from './reminder-ledger';

/** Keeps a pledge's BullMQ jobs in line with its reporting schedule, as read from the event store. */
export class PledgeReminders {
  constructor(
    private readonly store: EventStore,
    private readonly queues: ReminderQueues,
    private readonly ledger: ReminderLedger,
    private readonly config: ReportingConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Schedules several pledges with one round trip to Redis for all their new jobs.
   * The map says, for each pledge, whether jobs the plan no longer has should be removed.
   * `known`: whole streams already in hand (from their first event on), by stream id; the others
   * are read.
   */
  async scheduleMany(
    pledges: ReadonlyMap<string, boolean>,
    repairUntil?: number,
    known?: ReadonlyMap<string, readonly RecordedEvent[]>,
  ): Promise<void> {
    const planned: PlannedJob[] = [];
    const stale: string[] = [];
    const nextAt = new Map<string, number | null>();
    for (const [pledgeId, removeStale] of pledges) {
      const streamId = pledgeStream(pledgeId);
      const stream = known?.get(streamId) ?? (await this.store.readStream(streamId));
      const { state } = replay<PledgeEvent, PledgeState>(pledgeDecider, stream);
      if (state.status === 'none') continue;
      const plan = planReminders(state, this.config, cycleCause(stream, this.config));
      planned.push(...plan);
      if (removeStale) {
        const ids = new Set(plan.map((job) => job.id));
        stale.push(...reminderJobIds(state, this.config).filter((id) => !ids.has(id)));
      }
      nextAt.set(pledgeId, plan.length ? Math.min(...plan.map((job) => job.runAt)) : null);
    }
    if (repairUntil === undefined) await this.add(planned);
    else await this.repair(planned.filter((job) => job.runAt <= repairUntil));
    // An active job cannot be removed; it finds nothing to do when it runs.
    for (const id of stale) await this.queues.reminders.remove(id).catch(() => 0);
    await this.ledger.setNextAtMany(nextAt);
  }

  /** Adds the jobs; BullMQ ignores a job id it already holds, so adding twice is harmless. */
  async add(plan: readonly PlannedJob[]): Promise<void> {
    if (plan.length === 0) return;
    const now = this.clock.now().getTime();
    await this.queues.reminders.addBulk(
      plan.map((job) => ({
        name: job.data.kind,
        data: job.data,
        opts: { jobId: job.id, delay: Math.max(0, job.runAt - now) },
      })),
    );
  }

  private async repair(plan: readonly PlannedJob[]): Promise<void> {
    for (const job of plan) {
      const existing: Job<ReminderJob> | undefined = await this.queues.reminders.getJob(job.id);
      if (existing) {
        const state = await existing.getState();
        if (state === 'failed') {
          await existing.retry();
          continue;
        }
        if (state !== 'completed') continue;
        // Completed yet still planned: whatever it found then, the schedule says it is owed.
        await existing.remove();
      }
      await this.add([job]);
    }
  }
}

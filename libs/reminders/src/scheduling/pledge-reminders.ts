import { replay, type Clock } from '@pact/application';
import {
  pledgeDecider,
  pledgeStream,
  type PledgeEvent,
  type PledgeState,
  type ReportingConfig,
} from '@pact/domain';
import type { EventStore } from '@pact/event-store';
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

export interface ScheduleOptions {
  /** Remove jobs the plan no longer has (after a withdrawal or a completed cycle). */
  readonly removeStale?: boolean;
  /**
   * Reconcile instead of adding: jobs due by this instant (epoch ms) that Redis lost or gave up on
   * are put back, one by one. Used by the sweep.
   */
  readonly repairUntil?: number;
}

/** Keeps a pledge's BullMQ jobs in line with its reporting schedule, as read from the event store. */
export class PledgeReminders {
  constructor(
    private readonly store: EventStore,
    private readonly queues: ReminderQueues,
    private readonly ledger: ReminderLedger,
    private readonly config: ReportingConfig,
    private readonly clock: Clock,
  ) {}

  async schedule(pledgeId: string, options: ScheduleOptions = {}): Promise<void> {
    const stream = await this.store.readStream(pledgeStream(pledgeId));
    const { state } = replay<PledgeEvent, PledgeState>(pledgeDecider, stream);
    if (state.status === 'none') return;
    const plan = planReminders(state, this.config, cycleCause(stream, this.config));
    if (options.repairUntil === undefined) {
      await this.add(plan);
    } else {
      const until = options.repairUntil;
      await this.repair(plan.filter((job) => job.runAt <= until));
    }
    if (options.removeStale) {
      const planned = new Set(plan.map((job) => job.id));
      for (const id of reminderJobIds(state, this.config)) {
        // An active job cannot be removed; it finds nothing to do when it runs.
        if (!planned.has(id)) await this.queues.reminders.remove(id).catch(() => 0);
      }
    }
    this.ledger.setNextAt(pledgeId, plan.length ? Math.min(...plan.map((job) => job.runAt)) : null);
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

import { deriveId, handle, load, type Clock, type CommandContext } from '@pact/application';
import {
  ConflictError,
  organisationDecider,
  organisationStream,
  pledgeDecider,
  pledgeStream,
  reportingSchedule,
  type ActivePledge,
  type ReportingConfig,
} from '@pact/domain';
import type { EventStore } from '@pact/event-store';
import type { DeliveryQueue } from '../delivery/delivery-queue';
import type { PledgeReminders } from './pledge-reminders';
import type { Cause, NonReportingJob, PromptJob, ReminderJob } from './reminder-jobs';
import type { ReminderLedger } from './reminder-ledger';

export type ReminderOutcome =
  | { readonly kind: 'recorded'; readonly revision: number }
  | { readonly kind: 'nothing-to-do'; readonly reason: string }
  /** Not due yet (the schedule moved, or the job ran early): run again at `runAt`. */
  | { readonly kind: 'not-yet'; readonly runAt: number }
  | { readonly kind: 'swept'; readonly pledges: number; readonly deliveries: number };

export interface ReminderProcessorOptions {
  readonly reporting: ReportingConfig;
  readonly sweepIntervalMs: number;
  /** Whether prompts also go out by email (SMTP is configured). */
  readonly email: boolean;
}

const WORKER = { keyId: 'reminder-worker', role: 'system' } as const;

/** The stable id of a prompt: the same (pledge, cycle, offset) always names the same prompt. */
export const promptIdFor = (pledgeId: string, cycle: number, offset: string) =>
  deriveId('prompt', pledgeId, cycle, offset);

/**
 * Runs reminder jobs. The event store decides: a job re-reads the pledge, checks the schedule still
 * owes what the job names, and appends through the pledge decider with the revision it read, so a
 * job that runs twice, or on two workers at once, records its prompt once.
 */
export class ReminderProcessor {
  constructor(
    private readonly store: EventStore,
    private readonly reminders: PledgeReminders,
    private readonly deliveries: DeliveryQueue,
    private readonly ledger: ReminderLedger,
    private readonly clock: Clock,
    private readonly options: ReminderProcessorOptions,
  ) {}

  async process(job: ReminderJob): Promise<ReminderOutcome> {
    switch (job.kind) {
      case 'prompt':
        return this.refusalsAsNothingToDo(() => this.prompt(job));
      case 'non-reporting':
        return this.refusalsAsNothingToDo(() => this.nonReporting(job));
      case 'sweep':
        return this.sweep();
      default:
        return job satisfies never;
    }
  }

  private async prompt(job: PromptJob): Promise<ReminderOutcome> {
    const pledge = await this.activePledge(job.pledgeId);
    if (!pledge) return { kind: 'nothing-to-do', reason: 'no such pledge, or it is withdrawn' };
    const prompt = reportingSchedule(pledge, this.options.reporting)?.prompts.find(
      (p) => p.cycle === job.cycle && p.offset === job.offset,
    );
    if (!prompt)
      return { kind: 'nothing-to-do', reason: 'already recorded or no longer scheduled' };
    const now = this.clock.now();
    if (Date.parse(prompt.sendAt) > now.getTime())
      return { kind: 'not-yet', runAt: Date.parse(prompt.sendAt) };
    const result = await handle(
      this.store,
      pledgeDecider,
      pledgeStream(job.pledgeId),
      {
        type: 'SendReportingPrompt',
        data: {
          promptId: promptIdFor(job.pledgeId, job.cycle, job.offset),
          cycle: prompt.cycle,
          stage: prompt.stage,
          offset: prompt.offset,
          dueAt: prompt.dueAt,
          sentAt: now.toISOString(),
          channels: await this.channels(pledge.organisationId),
        },
      },
      this.context(job, ['SendReportingPrompt', job.pledgeId, job.cycle, job.offset], now),
    );
    return result.events.length > 0
      ? { kind: 'recorded', revision: result.revision }
      : { kind: 'nothing-to-do', reason: 'already recorded' };
  }

  private async nonReporting(job: NonReportingJob): Promise<ReminderOutcome> {
    const pledge = await this.activePledge(job.pledgeId);
    if (!pledge) return { kind: 'nothing-to-do', reason: 'no such pledge, or it is withdrawn' };
    const schedule = reportingSchedule(pledge, this.options.reporting);
    if (schedule?.cycle !== job.cycle || schedule.nonReportingAt === null)
      return { kind: 'nothing-to-do', reason: 'the cycle is complete or already marked' };
    const now = this.clock.now();
    if (Date.parse(schedule.nonReportingAt) > now.getTime())
      return { kind: 'not-yet', runAt: Date.parse(schedule.nonReportingAt) };
    const result = await handle(
      this.store,
      pledgeDecider,
      pledgeStream(job.pledgeId),
      {
        type: 'MarkNonReporting',
        data: { cycle: job.cycle, dueAt: schedule.dueAt, markedAt: now.toISOString() },
      },
      this.context(job, ['MarkNonReporting', job.pledgeId, job.cycle], now),
    );
    return result.events.length > 0
      ? { kind: 'recorded', revision: result.revision }
      : { kind: 'nothing-to-do', reason: 'already marked' };
  }

  /** Restores, from the event store, every job due within the next sweep interval that Redis lacks. */
  private async sweep(): Promise<ReminderOutcome> {
    const until = this.clock.now().getTime() + this.options.sweepIntervalMs;
    let pledges = 0;
    let after = '';
    for (;;) {
      const ids = this.ledger.pledgesDueBy(until, 500, after);
      if (ids.length === 0) break;
      await this.reminders.scheduleMany(new Map(ids.map((id) => [id, false])), until);
      pledges += ids.length;
      after = ids.at(-1)!;
    }
    return { kind: 'swept', pledges, deliveries: await this.deliveries.restore() };
  }

  /**
   * Undefined when nothing can be owed: the pledge is withdrawn, or not in this event store at all
   * (a job left in a shared Redis by another deployment under the same prefix).
   */
  private async activePledge(pledgeId: string): Promise<ActivePledge | undefined> {
    const { state } = await load(this.store, pledgeDecider, pledgeStream(pledgeId));
    return state.status === 'none' || state.status === 'withdrawn' ? undefined : state;
  }

  private async channels(organisationId: string): Promise<string[]> {
    const { state } = await load(
      this.store,
      organisationDecider,
      organisationStream(organisationId),
    );
    const channels = ['inbox'];
    if (state.status === 'registered' && state.webhookUrl) channels.push('webhook');
    if (state.status === 'registered' && this.options.email) channels.push('email');
    return channels;
  }

  /** The causing event's ids travel with the job into the metadata of what it appends. */
  private context(cause: Cause, command: (string | number)[], now: Date): CommandContext {
    return {
      commandId: deriveId(...command),
      actor: WORKER,
      correlationId: cause.correlationId,
      causationId: cause.causationId,
      now,
    };
  }

  /** The pledge moved on between scheduling and running (a cycle completed, say): nothing is owed. */
  private async refusalsAsNothingToDo(
    run: () => Promise<ReminderOutcome>,
  ): Promise<ReminderOutcome> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ConflictError) return { kind: 'nothing-to-do', reason: error.message };
      throw error;
    }
  }
}

import {
  CLOCK,
  deriveId,
  handle,
  load,
  loadCurrent,
  replay,
  StreamStates,
  timelineDecider,
  type Clock,
  type CommandContext,
} from '@pact/application';
import {
  ConflictError,
  organisationDecider,
  organisationStream,
  pledgeDecider,
  pledgeStream,
  reportingSchedule,
  TIMELINE_STREAM,
  type ActivePledge,
  type PledgeState,
  type TimelineVersionRecorded,
} from '@pact/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@pact/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Cause, NonReportingJob, PromptJob } from './reminder-jobs';
import type { ReminderOutcome, ReminderProcessorOptions } from './reminder-outcome';

export const REMINDER_OPTIONS = Symbol('ReminderProcessorOptions');

const WORKER = { keyId: 'reminder-worker', role: 'system' } as const;

/** The stable id of a prompt: the same (pledge, cycle, offset) always names the same prompt. */
export const promptIdFor = (pledgeId: string, cycle: number, offset: string) =>
  deriveId('prompt', pledgeId, cycle, offset);

/** Send the reporting prompt a job names, if the pledge still owes it now. */
export class SendReportingPromptCommand extends Command<ReminderOutcome> {
  constructor(readonly job: PromptJob) {
    super();
  }
}

/** Mark the pledge non-reporting for the job's cycle, if that cycle is still open at its deadline. */
export class MarkNonReportingCommand extends Command<ReminderOutcome> {
  constructor(readonly job: NonReportingJob) {
    super();
  }
}

/**
 * The pledges' states as the reminder commands last read or wrote them. A job reads its pledge to
 * check what is owed, then decides and appends on that very state without reading it again; a
 * pledge written in between by anyone is read from where its state was kept.
 */
@Injectable()
export class ReminderPledgeStates extends StreamStates<PledgeState> {
  constructor() {
    super(1_000);
  }
}

/**
 * What both reminder commands read: the pledge and its organisation, from the event store. The store
 * decides: a handler re-reads the pledge, checks the schedule still owes what the job names, and
 * appends through the pledge decider with the revision it read, so a job that runs twice, or on two
 * workers at once, records its prompt once.
 */
abstract class ReminderCommandHandler {
  // Both handlers inherit this constructor and its injection tokens.
  constructor(
    @Inject(EVENT_STORE) protected readonly store: EventStore,
    @Inject(CLOCK) protected readonly clock: Clock,
    @Inject(REMINDER_OPTIONS) protected readonly options: ReminderProcessorOptions,
    protected readonly pledges: ReminderPledgeStates,
  ) {}

  /**
   * Undefined when nothing can be owed: the pledge is withdrawn, or not in this event store at all
   * (a job left in a shared Redis by another deployment under the same prefix).
   */
  protected async activePledge(pledgeId: string): Promise<ActivePledge | undefined> {
    const { state } = await loadCurrent(
      this.store,
      pledgeDecider,
      pledgeStream(pledgeId),
      this.pledges,
    );
    return state.status === 'none' || state.status === 'withdrawn' ? undefined : state;
  }

  protected async channels(organisationId: string): Promise<string[]> {
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
  protected context(cause: Cause, command: (string | number)[], now: Date): CommandContext {
    return {
      commandId: deriveId(...command),
      actor: WORKER,
      correlationId: cause.correlationId,
      causationId: cause.causationId,
      now,
    };
  }

  /** The pledge moved on between scheduling and running (a cycle completed, say): nothing is owed. */
  protected async refusalsAsNothingToDo(
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

@CommandHandler(SendReportingPromptCommand)
export class SendReportingPromptHandler
  extends ReminderCommandHandler
  implements ICommandHandler<SendReportingPromptCommand, ReminderOutcome>
{
  execute({ job }: SendReportingPromptCommand): Promise<ReminderOutcome> {
    return this.refusalsAsNothingToDo(async () => {
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
        { states: this.pledges },
      );
      return result.events.length > 0
        ? { kind: 'recorded', revision: result.revision }
        : { kind: 'nothing-to-do', reason: 'already recorded' };
    });
  }
}

@CommandHandler(MarkNonReportingCommand)
export class MarkNonReportingHandler
  extends ReminderCommandHandler
  implements ICommandHandler<MarkNonReportingCommand, ReminderOutcome>
{
  execute({ job }: MarkNonReportingCommand): Promise<ReminderOutcome> {
    return this.refusalsAsNothingToDo(async () => {
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
        { states: this.pledges },
      );
      return result.events.length > 0
        ? { kind: 'recorded', revision: result.revision }
        : { kind: 'nothing-to-do', reason: 'already marked' };
    });
  }
}

/** The stable id of a timeline notice: one per pledge and timeline version. */
export const noticeIdFor = (pledgeId: string, timelineVersion: string) =>
  deriveId('timeline-notice', pledgeId, timelineVersion);

/**
 * Tell a pledge that a recorded timeline version moved dates its commitments anticipate. `cause` is
 * the timeline's `TimelineVersionRecorded`; the pledge records the notice once per version.
 */
export class NoticeTimelineChangeCommand extends Command<ReminderOutcome> {
  constructor(
    readonly pledgeId: string,
    readonly cause: RecordedEvent,
  ) {
    super();
  }
}

@CommandHandler(NoticeTimelineChangeCommand)
export class NoticeTimelineChangeHandler
  extends ReminderCommandHandler
  implements ICommandHandler<NoticeTimelineChangeCommand, ReminderOutcome>
{
  execute({ pledgeId, cause }: NoticeTimelineChangeCommand): Promise<ReminderOutcome> {
    return this.refusalsAsNothingToDo(async () => {
      const pledge = await this.activePledge(pledgeId);
      if (!pledge) return { kind: 'nothing-to-do', reason: 'no such pledge, or it is withdrawn' };
      const recorded = cause.data as TimelineVersionRecorded['data'];
      // The versions before and after, as they stood when this version was recorded.
      const timeline = replay(
        timelineDecider(this.options.aiActTimelineBase),
        await this.store.readStream(TIMELINE_STREAM, { maxCount: cause.revision + 1 }),
      ).state;
      const next = timeline.versions.at(-1)!;
      const previous = timeline.versions.at(-2)!;
      if (next.version !== recorded.version)
        throw new Error(
          `Timeline version ${recorded.version} is not at revision ${cause.revision}`,
        );
      const now = this.clock.now();
      const result = await handle(
        this.store,
        pledgeDecider,
        pledgeStream(pledgeId),
        {
          type: 'NoticeTimelineChange',
          data: {
            noticeId: noticeIdFor(pledgeId, next.version),
            previous,
            next,
            changes: recorded.changes,
            noticedAt: now.toISOString(),
            channels: await this.channels(pledge.organisationId),
          },
        },
        this.context(
          { causationId: cause.eventId, correlationId: cause.metadata.correlationId },
          ['NoticeTimelineChange', pledgeId, next.version],
          now,
        ),
        { states: this.pledges },
      );
      return result.events.length > 0
        ? { kind: 'recorded', revision: result.revision }
        : { kind: 'nothing-to-do', reason: 'already noticed, or the change does not concern it' };
    });
  }
}

import {
  currentCycle,
  parseIsoDuration,
  promptStage,
  reportingSchedule,
  type ActivePledge,
  type ReportingConfig,
} from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';

export const REMINDERS_QUEUE = 'reminders';
export const DELIVERIES_QUEUE = 'deliveries';
export const SWEEP_SCHEDULER_ID = 'reminder-sweep';

/** The event that caused a job, so the events the job appends name it as their cause. */
export interface Cause {
  readonly causationId: string;
  readonly correlationId: string;
}

export interface PromptJob extends Cause {
  readonly kind: 'prompt';
  readonly pledgeId: string;
  readonly cycle: number;
  readonly offset: string;
}

export interface NonReportingJob extends Cause {
  readonly kind: 'non-reporting';
  readonly pledgeId: string;
  readonly cycle: number;
}

export interface SweepJob {
  readonly kind: 'sweep';
}

export type ReminderJob = PromptJob | NonReportingJob | SweepJob;

export interface PlannedJob {
  readonly id: string;
  readonly data: PromptJob | NonReportingJob;
  /** Epoch milliseconds at which the job may run. */
  readonly runAt: number;
}

/**
 * `prompt-<pledge>-<cycle>-<stage>-<offset>`: BullMQ ids may not contain `:`, and the stage names the
 * offset's sign, so the offset is written without it.
 */
export function promptJobId(pledgeId: string, cycle: number, offset: string): string {
  const duration = parseIsoDuration(offset);
  const stage = duration ? promptStage(duration) : 'due';
  return `prompt-${pledgeId}-${cycle}-${stage}-${offset.replace(/-/g, '')}`;
}

export function nonReportingJobId(pledgeId: string, cycle: number): string {
  return `non-reporting-${pledgeId}-${cycle}`;
}

/** The jobs that carry out what remains of the pledge's reporting schedule. */
export function planReminders(
  pledge: ActivePledge,
  config: ReportingConfig,
  cause: Cause,
): PlannedJob[] {
  const schedule = reportingSchedule(pledge, config);
  if (!schedule) return [];
  const { pledgeId } = pledge;
  const jobs: PlannedJob[] = schedule.prompts.map((prompt) => ({
    id: promptJobId(pledgeId, prompt.cycle, prompt.offset),
    data: { kind: 'prompt', pledgeId, cycle: prompt.cycle, offset: prompt.offset, ...cause },
    runAt: Date.parse(prompt.sendAt),
  }));
  if (schedule.nonReportingAt !== null) {
    jobs.push({
      id: nonReportingJobId(pledgeId, schedule.cycle),
      data: { kind: 'non-reporting', pledgeId, cycle: schedule.cycle, ...cause },
      runAt: Date.parse(schedule.nonReportingAt),
    });
  }
  return jobs;
}

/** Every job id the pledge's current and previous cycles can have: those not planned are stale. */
export function reminderJobIds(pledge: ActivePledge, config: ReportingConfig): string[] {
  const cycle = currentCycle(pledge);
  return [cycle - 1, cycle]
    .filter((n) => n >= 1)
    .flatMap((n) => [
      ...config.stages.map((offset) => promptJobId(pledge.pledgeId, n, offset.toISO()!)),
      nonReportingJobId(pledge.pledgeId, n),
    ]);
}

/**
 * The event that opened the cycle being reported: the last completed cycle, or else the anchor
 * (signature or publication). Prompts of the cycle name it as their cause, whichever path
 * (the subscription or the sweep) scheduled them.
 */
export function cycleCause(stream: readonly RecordedEvent[], config: ReportingConfig): Cause {
  const anchorType = config.anchor === 'signature' ? 'PledgeSigned' : 'PledgePublished';
  const last = (type: string) => [...stream].reverse().find((e) => e.type === type);
  const opener = last('ReportingCycleCompleted') ?? last(anchorType) ?? stream[0];
  if (!opener) throw new Error('cycleCause needs a stream with at least one event');
  return { causationId: opener.eventId, correlationId: opener.metadata.correlationId };
}

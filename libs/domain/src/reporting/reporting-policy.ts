import type { Duration } from 'luxon';
import type { PromptStage } from '../pledge/pledge.events';
import type { ActivePledge } from '../pledge/pledge.state';
import { currentCycle, promptKey } from '../pledge/pledge.state';
import { addDuration, durationAsMillis } from './durations';
import type { ReportingConfig } from './reporting-config';

export type ReportingStatus = 'on-track' | 'due-soon' | 'overdue' | 'non-reporting' | 'withdrawn';

export interface ReportingPosition {
  /** The earliest cycle not yet complete. */
  readonly cycle: number;
  /** When that cycle falls due; null while the anchor (publication) has not happened. */
  readonly dueAt: string | null;
  readonly status: ReportingStatus;
}

export function reportingAnchor(pledge: ActivePledge, config: ReportingConfig): string | undefined {
  return config.anchor === 'signature' ? pledge.signedAt : pledge.publishedAt;
}

/** Cycle n is due at anchor + n × interval. */
export function cycleDueAt(anchor: string, cycle: number, config: ReportingConfig): string {
  return addDuration(anchor, config.interval, cycle);
}

export function reportingPosition(
  pledge: ActivePledge,
  config: ReportingConfig,
  now: string,
): ReportingPosition {
  const cycle = currentCycle(pledge);
  const anchor = reportingAnchor(pledge, config);
  // A withdrawn pledge is prompted no more: nothing is due (the registry says the same).
  const dueAt =
    anchor === undefined || pledge.status === 'withdrawn'
      ? null
      : cycleDueAt(anchor, cycle, config);
  return { cycle, dueAt, status: reportingStatus(pledge, dueAt, config, now) };
}

function reportingStatus(
  pledge: ActivePledge,
  dueAt: string | null,
  config: ReportingConfig,
  now: string,
): ReportingStatus {
  if (pledge.status === 'withdrawn') return 'withdrawn';
  if (dueAt === null) return 'on-track';
  const at = Date.parse(now);
  if (at >= Date.parse(addDuration(dueAt, config.nonReportingAfter))) return 'non-reporting';
  if (at >= Date.parse(dueAt)) return 'overdue';
  const earliest = config.stages[0];
  if (
    earliest &&
    durationAsMillis(earliest) < 0 &&
    at >= Date.parse(addDuration(dueAt, earliest))
  ) {
    return 'due-soon';
  }
  return 'on-track';
}

export interface ScheduledPrompt {
  readonly cycle: number;
  readonly stage: PromptStage;
  /** The configured offset, ISO 8601: with the cycle, the prompt's identity. */
  readonly offset: string;
  readonly dueAt: string;
  readonly sendAt: string;
}

export interface ReportingSchedule {
  readonly cycle: number;
  readonly dueAt: string;
  /** Prompts of this cycle not yet sent, earliest first. */
  readonly prompts: readonly ScheduledPrompt[];
  /** When the pledge becomes non-reporting; null once it is marked for this cycle. */
  readonly nonReportingAt: string | null;
}

export function promptStage(offset: Duration): PromptStage {
  const ms = offset.as('milliseconds');
  return ms < 0 ? 'upcoming' : ms === 0 ? 'due' : 'overdue';
}

/**
 * What remains to do for the cycle being reported: its prompts not yet sent and the non-reporting
 * mark. Null when nothing is scheduled: a withdrawn pledge, or one whose anchor (publication) has not
 * happened. A pure function of the pledge and the configuration; the clock only picks what is due.
 */
export function reportingSchedule(
  pledge: ActivePledge,
  config: ReportingConfig,
): ReportingSchedule | null {
  if (pledge.status === 'withdrawn') return null;
  const anchor = reportingAnchor(pledge, config);
  if (anchor === undefined) return null;
  const cycle = currentCycle(pledge);
  const dueAt = cycleDueAt(anchor, cycle, config);
  const prompts = config.stages
    .map((offset) => ({
      cycle,
      stage: promptStage(offset),
      offset: offset.toISO()!,
      dueAt,
      sendAt: addDuration(dueAt, offset),
    }))
    .filter((prompt) => !pledge.promptsSent.includes(promptKey(cycle, prompt.offset)))
    .sort((a, b) => Date.parse(a.sendAt) - Date.parse(b.sendAt));
  const nonReportingAt =
    pledge.nonReportingCycle === cycle ? null : addDuration(dueAt, config.nonReportingAfter);
  return { cycle, dueAt, prompts, nonReportingAt };
}

/** The prompts whose time has come at `now`. */
export function duePrompts(
  pledge: ActivePledge,
  config: ReportingConfig,
  now: string,
): ScheduledPrompt[] {
  const schedule = reportingSchedule(pledge, config);
  return (schedule?.prompts ?? []).filter((prompt) => Date.parse(prompt.sendAt) <= Date.parse(now));
}

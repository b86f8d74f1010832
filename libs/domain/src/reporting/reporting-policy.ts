import type { ActivePledge } from '../pledge/pledge.state';
import { currentCycle } from '../pledge/pledge.state';
import { addDuration } from './durations';
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
  const dueAt = anchor === undefined ? null : cycleDueAt(anchor, cycle, config);
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
    earliest.as('milliseconds') < 0 &&
    at >= Date.parse(addDuration(dueAt, earliest))
  ) {
    return 'due-soon';
  }
  return 'on-track';
}

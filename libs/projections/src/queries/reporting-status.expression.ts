import type { ReportingConfig } from '@pact/domain';
import type { Duration } from 'luxon';

/** The due dates the registry projection precomputes on each pledge document. */
export interface ReportingDates {
  readonly status: string;
  readonly dueAt?: string | null;
  readonly dueSoonAt?: string | null;
  readonly nonReportingAt?: string | null;
}

/**
 * The reporting status of a registry document at `now`: the domain's reporting policy over the due
 * dates the registry projection precomputed. ISO instants in UTC compare as strings.
 */
export function reportingStatusOf(document: ReportingDates, now: string): ReportingStatusName {
  if (document.status === 'withdrawn') return 'withdrawn';
  if (document.dueAt == null) return 'on-track';
  if (document.nonReportingAt == null || now >= document.nonReportingAt) return 'non-reporting';
  if (now >= document.dueAt) return 'overdue';
  if (document.dueSoonAt != null && now >= document.dueSoonAt) return 'due-soon';
  return 'on-track';
}

/**
 * The longest a pledge can be due soon, and overdue, under a reporting configuration: from the
 * earliest (negative) prompt stage to the due date, and from the due date to non-reporting, each
 * counted with the longest months and years. Only for documents projected under that configuration.
 */
export interface ReportingWindows {
  readonly dueSoonMs: number;
  readonly overdueMs: number;
}

export function reportingWindows(config: ReportingConfig): ReportingWindows {
  const earliest = config.stages[0];
  return {
    dueSoonMs: earliest ? longest(earliest) : 0,
    overdueMs: longest(config.nonReportingAfter),
  };
}

const DAY = 86_400_000;

function longest(duration: Duration): number {
  const parts = duration.toObject();
  const size = (value: number | undefined, unit: number) => Math.abs(value ?? 0) * unit;
  return (
    size(parts.years, 366 * DAY) +
    size(parts.quarters, 92 * DAY) +
    size(parts.months, 31 * DAY) +
    size(parts.weeks, 7 * DAY) +
    size(parts.days, DAY) +
    size(parts.hours, 3_600_000) +
    size(parts.minutes, 60_000) +
    size(parts.seconds, 1000) +
    size(parts.milliseconds, 1)
  );
}

export const REPORTING_STATUSES = [
  'on-track',
  'due-soon',
  'overdue',
  'non-reporting',
  'withdrawn',
] as const;
export type ReportingStatusName = (typeof REPORTING_STATUSES)[number];

/**
 * The same rule as a filter on the precomputed instants: documents whose status at `now` is
 * `status`. Plain comparisons, so MongoDB can use the indexes and mingo needs no expression.
 */
export function reportingStatusFilter(
  status: ReportingStatusName,
  now: string,
  windows?: ReportingWindows,
): Record<string, unknown> {
  const active = { status: { $ne: 'withdrawn' } };
  // A status that ends (due soon, overdue) began at most its window ago: a bound an index can use.
  const since = (ms: number) => ({ $gt: new Date(Date.parse(now) - ms).toISOString() });
  switch (status) {
    case 'withdrawn':
      return { status: 'withdrawn' };
    case 'non-reporting':
      return { ...active, dueAt: { $ne: null }, nonReportingAt: { $lte: now } };
    case 'overdue':
      return {
        ...active,
        dueAt: { $ne: null, $lte: now, ...(windows ? since(windows.overdueMs) : {}) },
        nonReportingAt: { $gt: now },
      };
    case 'due-soon':
      return {
        ...active,
        dueAt: { $gt: now },
        dueSoonAt: { $ne: null, $lte: now, ...(windows ? since(windows.dueSoonMs) : {}) },
      };
    case 'on-track':
      return {
        ...active,
        $or: [
          { dueAt: null },
          { dueAt: { $gt: now }, $or: [{ dueSoonAt: null }, { dueSoonAt: { $gt: now } }] },
        ],
      };
  }
}

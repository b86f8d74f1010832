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
): Record<string, unknown> {
  const active = { status: { $ne: 'withdrawn' } };
  switch (status) {
    case 'withdrawn':
      return { status: 'withdrawn' };
    case 'non-reporting':
      return { ...active, dueAt: { $ne: null }, nonReportingAt: { $lte: now } };
    case 'overdue':
      return { ...active, dueAt: { $ne: null, $lte: now }, nonReportingAt: { $gt: now } };
    case 'due-soon':
      return { ...active, dueAt: { $gt: now }, dueSoonAt: { $ne: null, $lte: now } };
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

import { keysetOf, type ReadDocument, type ReadStore } from '@pact/read-store';
import {
  FIGURES,
  type SignatureFigures,
  type TransitionFigures,
  type UptakeFigures,
} from '../registry/registry-figures';
import type { PledgeDocument } from '../registry/registry.documents';
import { reportingStatusOf } from './reporting-status.expression';

const PLEDGES = 'pledges';

export interface AnalyticsSummary {
  organisations: number;
  pledges: { signed: number; published: number; withdrawn: number };
  commitments: { code: string; pledges: number }[];
  byCountry: Record<string, number>;
  bySector: Record<string, number>;
  bySize: Record<string, number>;
  byRole: Record<string, number>;
  reporting: { onTrack: number; dueSoon: number; overdue: number; nonReporting: number };
  milestones: { reported: number; accepted: number; clarificationRequested: number };
}

const ACTIVE = { $in: ['signed', 'published'] };

/**
 * Uptake and reporting figures; the by* maps and reporting counts cover pledges not withdrawn. Read
 * from the figures the registry projection keeps: a handful of documents, whatever the registry's size.
 */
export async function analyticsSummary(store: ReadStore, now: Date): Promise<AnalyticsSummary> {
  const uptake = await store.findById<UptakeFigures>(FIGURES, 'uptake');
  const reporting = await reportingCounts(store, uptake, now.toISOString());
  const status = uptake?.status ?? {};
  const milestones = uptake?.milestones ?? {};
  return {
    organisations: uptake?.organisations ?? 0,
    pledges: {
      signed: Object.values(status).reduce((sum, n) => sum + n, 0),
      published: status['published'] ?? 0,
      withdrawn: status['withdrawn'] ?? 0,
    },
    commitments: Object.entries(uptake?.commitment ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, pledges]) => ({ code, pledges })),
    byCountry: { ...uptake?.country },
    bySector: { ...uptake?.sector },
    bySize: { ...uptake?.size },
    byRole: { ...uptake?.role },
    reporting: {
      onTrack: reporting['on-track'] ?? 0,
      dueSoon: reporting['due-soon'] ?? 0,
      overdue: reporting['overdue'] ?? 0,
      nonReporting: reporting['non-reporting'] ?? 0,
    },
    milestones: {
      reported: milestones['reported'] ?? 0,
      accepted: milestones['accepted'] ?? 0,
      clarificationRequested: milestones['clarification-requested'] ?? 0,
    },
  };
}

/**
 * Active pledges by reporting status at `now`: the statuses they start in, every transition of the
 * days before today, and, for the few pledges with an instant today, their status now rather than
 * at midnight.
 */
async function reportingCounts(
  store: ReadStore,
  uptake: UptakeFigures | undefined,
  now: string,
): Promise<Record<string, number>> {
  const midnight = `${now.slice(0, 10)}T00:00:00.000Z`;
  const beforeToday = new Date(Date.parse(midnight) - 1).toISOString();
  const [months, ...today] = await Promise.all([
    everyFigure<TransitionFigures>(store, 'transitions', now.slice(0, 7)),
    ...(['dueSoonAt', 'dueAt', 'nonReportingAt'] as const).map((field) =>
      everyPage(store, PLEDGES, {
        status: ACTIVE,
        [field]: { $gte: midnight, $lte: now },
      }),
    ),
  ]);
  const counts: Record<string, number> = { ...uptake?.reportingFrom };
  const add = (status: string, n: number) => (counts[status] = (counts[status] ?? 0) + n);
  for (const month of months)
    for (const [day, changes] of Object.entries(month.days ?? {}))
      if (day < midnight.slice(0, 10))
        for (const [status, n] of Object.entries(changes)) add(status, n);
  const changedToday = new Map(today.flat().map((pledge) => [pledge._id, pledge]));
  for (const pledge of changedToday.values()) {
    add(reportingStatusOf(pledge as PledgeDocument, beforeToday), -1);
    add(reportingStatusOf(pledge as PledgeDocument, now), 1);
  }
  return counts;
}

/** The figure documents of one kind, month by month up to `lastMonth`. */
function everyFigure<T extends ReadDocument>(
  store: ReadStore,
  kind: string,
  lastMonth = '9999-12',
): Promise<T[]> {
  return everyPage(store, FIGURES, { kind, month: { $lte: lastMonth } }, { month: 1 }) as Promise<
    T[]
  >;
}

/** Every document a filter matches, page by page. */
async function everyPage(
  store: ReadStore,
  collection: string,
  filter: Record<string, unknown>,
  sort: Record<string, 1 | -1> = { _id: 1 },
): Promise<ReadDocument[]> {
  const found: ReadDocument[] = [];
  for (let after: unknown[] | undefined; ;) {
    const { documents } = await store.page(collection, { filter, sort, after, limit: 500 });
    found.push(...documents);
    const last = documents[documents.length - 1];
    if (!last || documents.length < 500) return found;
    after = keysetOf(last, sort);
  }
}

export type SignatureInterval = 'month' | 'year';

export interface SignaturePeriod {
  period: string;
  signed: number;
  withdrawn: number;
}

/** Signatures and withdrawals per period, every period from the first to the last included. */
export async function signaturesPerPeriod(
  store: ReadStore,
  interval: SignatureInterval,
): Promise<SignaturePeriod[]> {
  const length = interval === 'month' ? 7 : 4;
  const signed: Record<string, number> = {};
  const withdrawn: Record<string, number> = {};
  for (const figure of await everyFigure<SignatureFigures>(store, 'signatures')) {
    const period = figure.month.slice(0, length);
    if (figure.signed) signed[period] = (signed[period] ?? 0) + figure.signed;
    if (figure.withdrawn) withdrawn[period] = (withdrawn[period] ?? 0) + figure.withdrawn;
  }
  const periods = [...Object.keys(signed), ...Object.keys(withdrawn)].sort();
  if (periods.length === 0) return [];
  return periodsBetween(periods[0]!, periods[periods.length - 1]!, interval).map((period) => ({
    period,
    signed: signed[period] ?? 0,
    withdrawn: withdrawn[period] ?? 0,
  }));
}

function periodsBetween(first: string, last: string, interval: SignatureInterval): string[] {
  const periods: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = interval === 'month' ? Number(first.slice(5, 7)) : 1;
  for (;;) {
    const period =
      interval === 'month' ? `${year}-${String(month).padStart(2, '0')}` : String(year);
    periods.push(period);
    if (period >= last) return periods;
    if (interval === 'year' || month === 12) {
      year += 1;
      month = 1;
    } else month += 1;
  }
}

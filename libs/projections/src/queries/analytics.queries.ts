import type { ReadStore } from '@pact/read-store';
import { reportingStatusFilter } from './reporting-status.expression';

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

type Counts = { _id: string | null; n: number }[];

const countBy = (field: unknown) => [
  { $group: { _id: field, n: { $sum: 1 } } },
  { $sort: { _id: 1 } },
];
const toMap = (counts: Counts | undefined) =>
  Object.fromEntries((counts ?? []).map((c) => [String(c._id), c.n]));

/** Uptake and reporting figures; the by* maps and reporting counts cover pledges not withdrawn. */
export async function analyticsSummary(store: ReadStore, now: Date): Promise<AnalyticsSummary> {
  const active = { $match: { status: { $ne: 'withdrawn' } } };
  const [pledges] = await store.aggregate<Record<string, Counts>>('pledges', [
    {
      $facet: {
        byStatus: countBy('$status'),
        commitments: [active, { $unwind: '$commitments' }, ...countBy('$commitments')],
        byCountry: [active, ...countBy('$country')],
        bySector: [active, ...countBy('$sector')],
        bySize: [active, ...countBy('$size')],
        byRole: [active, { $unwind: '$roles' }, ...countBy('$roles')],
        ...Object.fromEntries(
          (['on-track', 'due-soon', 'overdue', 'non-reporting'] as const).map((status) => [
            status,
            [
              { $match: reportingStatusFilter(status, now.toISOString()) },
              { $group: { _id: status, n: { $sum: 1 } } },
            ],
          ]),
        ),
      },
    },
  ]);
  const [organisations] = await store.aggregate<{ n: number }>('organisations', [{ $count: 'n' }]);
  const [milestones] = await store.aggregate<{ reviewStatus: Counts; reported: { n: number }[] }>(
    'milestones',
    [{ $facet: { reported: [{ $count: 'n' }], reviewStatus: countBy('$reviewStatus') } }],
  );
  const byStatus = toMap(pledges?.['byStatus']);
  const reporting = {
    ...toMap(pledges?.['on-track']),
    ...toMap(pledges?.['due-soon']),
    ...toMap(pledges?.['overdue']),
    ...toMap(pledges?.['non-reporting']),
  };
  const reviews = toMap(milestones?.reviewStatus);
  return {
    organisations: organisations?.n ?? 0,
    pledges: {
      signed: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
      published: byStatus['published'] ?? 0,
      withdrawn: byStatus['withdrawn'] ?? 0,
    },
    commitments: (pledges?.['commitments'] ?? []).map((c) => ({
      code: String(c._id),
      pledges: c.n,
    })),
    byCountry: toMap(pledges?.['byCountry']),
    bySector: toMap(pledges?.['bySector']),
    bySize: toMap(pledges?.['bySize']),
    byRole: toMap(pledges?.['byRole']),
    reporting: {
      onTrack: reporting['on-track'] ?? 0,
      dueSoon: reporting['due-soon'] ?? 0,
      overdue: reporting['overdue'] ?? 0,
      nonReporting: reporting['non-reporting'] ?? 0,
    },
    milestones: {
      reported: milestones?.reported[0]?.n ?? 0,
      accepted: reviews['accepted'] ?? 0,
      clarificationRequested: reviews['clarification-requested'] ?? 0,
    },
  };
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
  const [result] = await store.aggregate<{ signed: Counts; withdrawn: Counts }>('pledges', [
    {
      $facet: {
        signed: countBy({ $substrCP: ['$signedAt', 0, length] }),
        withdrawn: [
          { $match: { withdrawnAt: { $exists: true } } },
          ...countBy({ $substrCP: ['$withdrawnAt', 0, length] }),
        ],
      },
    },
  ]);
  const signed = toMap(result?.signed);
  const withdrawn = toMap(result?.withdrawn);
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

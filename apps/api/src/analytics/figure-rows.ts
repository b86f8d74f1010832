import type { AnalyticsSummary, ProvisionFigures, SignaturePeriod } from '@pact/projections';

/** One figure of the analysts' views, as a CSV row: what is counted, of what, how many. */
export interface FigureRow {
  figure: string;
  key: string;
  value: number;
}

export const FIGURE_COLUMNS = ['figure', 'key', 'value'] as const;

const counted = (figure: string, counts: Record<string, number>): FigureRow[] =>
  Object.entries(counts).map(([key, value]) => ({ figure, key, value }));

/** The summary's figures, one row each (`GET /v1/analytics/summary` as CSV). */
export function summaryRows(summary: AnalyticsSummary): FigureRow[] {
  return [
    { figure: 'organisations', key: 'all', value: summary.organisations },
    ...counted('pledges', summary.pledges),
    ...counted('milestones', summary.milestones),
    ...counted('reporting', summary.reporting),
    ...summary.commitments.map((c) => ({ figure: 'commitment', key: c.code, value: c.pledges })),
    ...counted('country', summary.byCountry),
    ...counted('sector', summary.bySector),
    ...counted('size', summary.bySize),
    ...counted('role', summary.byRole),
  ];
}

export function signatureRows(signatures: readonly SignaturePeriod[]): FigureRow[] {
  return signatures.flatMap((s) => [
    { figure: 'signed-per-month', key: s.period, value: s.signed },
    { figure: 'withdrawn-per-month', key: s.period, value: s.withdrawn },
  ]);
}

export function provisionRows(provisions: readonly ProvisionFigures[]): FigureRow[] {
  return provisions.flatMap((p) => [
    { figure: 'actions-before-application', key: p.provision, value: p.actions.before },
    { figure: 'actions-after-application', key: p.provision, value: p.actions.after },
  ]);
}

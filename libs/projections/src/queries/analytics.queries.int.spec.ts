import type { ReadStore } from '@pact/read-store';
import fc from 'fast-check';
import { ProjectionRunner } from '../runner/projection-runner';
import { CORE, ProjectionHarness } from '../testing/harness';
import { analyticsSummary, signaturesPerPeriod, type AnalyticsSummary } from './analytics.queries';
import { reportingStatusFilter } from './reporting-status.expression';

/**
 * The analysts' figures come from documents the projection keeps page by page of the log. Whatever happened,
 * they must equal an aggregation over every registry document, at any instant asked about (today's
 * deadlines included).
 */
type Counts = { _id: string | null; n: number }[];
const countBy = (field: unknown) => [
  { $group: { _id: field, n: { $sum: 1 } } },
  { $sort: { _id: 1 } },
];
const toMap = (counts: Counts | undefined) =>
  Object.fromEntries((counts ?? []).map((c) => [String(c._id), c.n]));

/** The figures as a full aggregation of the registry's documents computes them. */
async function aggregatedSummary(store: ReadStore, now: Date): Promise<AnalyticsSummary> {
  const active = { $match: { status: { $ne: 'withdrawn' } } };
  const statuses = ['on-track', 'due-soon', 'overdue', 'non-reporting'] as const;
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
          statuses.map((status) => [
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
  const reporting = Object.assign({}, ...statuses.map((s) => toMap(pledges?.[s]))) as Record<
    string,
    number
  >;
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

async function aggregatedSignatures(store: ReadStore, length: 4 | 7) {
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
  return { signed: toMap(result?.signed), withdrawn: toMap(result?.withdrawn) };
}

/** One step of a history, read against what exists so far (an index picks among the existing). */
const stepArb = fc.record({
  kind: fc.constantFrom(
    'register',
    'sign',
    'sign',
    'add',
    'publish',
    'report',
    'review',
    'complete',
    'withdraw',
    'change',
  ),
  pick: fc.nat(),
  hours: fc.integer({ min: 1, max: 24 * 40 }),
  country: fc.constantFrom('DE', 'FR', 'IT'),
  size: fc.constantFrom('micro', 'large'),
  provider: fc.boolean(),
});

describe('analytics from maintained figures', () => {
  it('equals a full aggregation of the registry after any history, at any instant', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 900 * 24 }), { minLength: 3, maxLength: 6 }),
        // The figures are written once a page: pages of one event, of a few, and all at once.
        fc.constantFrom(1, 4, 500),
        async (steps, askedHours, batchSize) => {
          const harness = new ProjectionHarness();
          try {
            let clock = Date.parse('2024-09-01T09:30:00.000Z');
            const organisations: string[] = [];
            const pledges: { id: string; organisationId: string; withdrawn: boolean }[] = [];
            const milestones: { id: string; pledgeId: string }[] = [];
            const cycles = new Map<string, number>();
            for (const [i, step] of steps.entries()) {
              clock += step.hours * 3_600_000;
              const at = new Date(clock).toISOString();
              const open = pledges.filter((p) => !p.withdrawn);
              const pledge = open[step.pick % Math.max(open.length, 1)];
              switch (step.kind) {
                case 'register': {
                  const organisationId = `org-${i}`;
                  organisations.push(organisationId);
                  await harness.append(`organisation-${organisationId}`, 'OrganisationRegistered', {
                    organisationId,
                    name: `Organisation ${i}`,
                    country: step.country,
                    sector: 'J',
                    size: step.size,
                    roles: step.provider ? ['provider', 'deployer'] : ['deployer'],
                    contact: { name: 'N', email: 'n@example.org' },
                    registeredAt: at,
                  });
                  break;
                }
                case 'sign': {
                  const organisationId =
                    organisations[step.pick % Math.max(organisations.length, 1)];
                  if (!organisationId || pledges.some((p) => p.organisationId === organisationId))
                    break;
                  const id = `pledge-${i}`;
                  pledges.push({ id, organisationId, withdrawn: false });
                  await harness.append(`pledge-${id}`, 'PledgeSigned', {
                    pledgeId: id,
                    organisationId,
                    signatory: { name: 'S', position: 'CEO' },
                    signedAt: at,
                    catalogueVersion: '2024-09',
                    commitments: CORE.map((code) => ({ code, tier: 'core', actions: [] })),
                  });
                  break;
                }
                case 'add':
                  if (pledge)
                    await harness.append(`pledge-${pledge.id}`, 'CommitmentAdded', {
                      pledgeId: pledge.id,
                      commitment: {
                        code: `extra-${step.pick % 3}`,
                        tier: 'incremental',
                        actions: [],
                      },
                      addedAt: at,
                    });
                  break;
                case 'publish':
                  if (pledge)
                    await harness.append(`pledge-${pledge.id}`, 'PledgePublished', {
                      pledgeId: pledge.id,
                      publishedAt: at,
                    });
                  break;
                case 'report':
                  if (pledge) {
                    const id = `milestone-${i}`;
                    milestones.push({ id, pledgeId: pledge.id });
                    await harness.append(`pledge-${pledge.id}`, 'MilestoneReported', {
                      pledgeId: pledge.id,
                      milestoneId: id,
                      commitmentCode: CORE[0],
                      cycle: (cycles.get(pledge.id) ?? 0) + 1,
                      summary: 's',
                      actionUpdates: [],
                      evidenceUrls: [],
                      reportedAt: at,
                    });
                  }
                  break;
                case 'review': {
                  const milestone = milestones[step.pick % Math.max(milestones.length, 1)];
                  if (milestone)
                    await harness.append(`pledge-${milestone.pledgeId}`, 'MilestoneReviewed', {
                      pledgeId: milestone.pledgeId,
                      milestoneId: milestone.id,
                      outcome: step.provider ? 'accepted' : 'clarification-requested',
                      comment: 'c',
                      reviewedAt: at,
                    });
                  break;
                }
                case 'complete':
                  if (pledge) {
                    const cycle = (cycles.get(pledge.id) ?? 0) + 1;
                    cycles.set(pledge.id, cycle);
                    await harness.append(`pledge-${pledge.id}`, 'ReportingCycleCompleted', {
                      pledgeId: pledge.id,
                      cycle,
                      completedAt: at,
                    });
                  }
                  break;
                case 'withdraw':
                  if (pledge) {
                    pledge.withdrawn = true;
                    await harness.append(`pledge-${pledge.id}`, 'PledgeWithdrawn', {
                      pledgeId: pledge.id,
                      reason: 'r',
                      withdrawnAt: at,
                    });
                  }
                  break;
                case 'change': {
                  const organisationId =
                    organisations[step.pick % Math.max(organisations.length, 1)];
                  if (organisationId)
                    await harness.append(
                      `organisation-${organisationId}`,
                      'OrganisationDetailsChanged',
                      { organisationId, country: step.country, size: step.size, changedAt: at },
                    );
                  break;
                }
              }
            }
            await new ProjectionRunner(harness.projections[0]!, harness.events, harness.read, {
              batchSize,
            }).catchUp();
            // Instants anywhere over the years, and at each pledge's own deadlines and the same day.
            const documents = await harness.read.aggregate<Record<string, string | null>>(
              'pledges',
              [],
            );
            const deadlines = documents
              .flatMap((d) => [d['dueSoonAt'], d['dueAt'], d['nonReportingAt']])
              .filter((instant): instant is string => typeof instant === 'string')
              .flatMap((instant) => [
                instant,
                new Date(Date.parse(instant) - 1).toISOString(),
                `${instant.slice(0, 10)}T23:59:59.999Z`,
              ]);
            const instants = [
              ...askedHours.map((h) =>
                new Date(Date.parse('2024-09-01T00:00:00.000Z') + h * 3_600_000).toISOString(),
              ),
              ...deadlines.slice(0, 12),
            ];
            for (const instant of instants) {
              const now = new Date(instant);
              expect([instant, await analyticsSummary(harness.read, now)]).toEqual([
                instant,
                await aggregatedSummary(harness.read, now),
              ]);
            }
            for (const [interval, length] of [
              ['month', 7],
              ['year', 4],
            ] as const) {
              const periods = await signaturesPerPeriod(harness.read, interval);
              const expected = await aggregatedSignatures(harness.read, length);
              for (const period of periods) {
                expect(period.signed).toBe(expected.signed[period.period] ?? 0);
                expect(period.withdrawn).toBe(expected.withdrawn[period.period] ?? 0);
              }
              const counted = periods.reduce((n, p) => n + p.signed + p.withdrawn, 0);
              const all = [...Object.values(expected.signed), ...Object.values(expected.withdrawn)];
              expect(counted).toBe(all.reduce((n, v) => n + v, 0));
            }
          } finally {
            await harness.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

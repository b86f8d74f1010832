import {
  defaultReportingConfig,
  fold,
  parseReportingConfig,
  pledgeDecider,
  reportingPosition,
  type ActivePledge,
  type PledgeEvent,
} from '@pact/domain';
import { aggregate } from 'mingo';
import { dueDates } from '../registry/registry.projection';
import {
  REPORTING_STATUSES,
  reportingStatusFilter,
  reportingStatusOf,
  reportingWindows,
} from './reporting-status.expression';

describe('reporting status at query time', () => {
  const configs = [
    defaultReportingConfig(),
    parseReportingConfig({
      interval: 'PT20S',
      anchor: 'publication',
      stages: '-PT5S,PT0S,PT5S',
      nonReportingAfter: 'PT10S',
    }),
    parseReportingConfig({
      interval: 'P1M',
      anchor: 'signature',
      stages: 'P0D',
      nonReportingAfter: 'P0D',
    }),
  ].map((c) => {
    if ('errors' in c) throw new Error(c.errors.join());
    return c;
  });

  it('agrees with the domain reporting policy at every instant', () => {
    const signed: PledgeEvent = {
      type: 'PledgeSigned',
      data: {
        pledgeId: 'p',
        organisationId: 'o',
        signatory: { name: 'n', position: 'p' },
        signedAt: '2025-01-31T00:00:00.000Z',
        catalogueVersion: 'v',
        commitments: [],
      },
    };
    const published: PledgeEvent = {
      type: 'PledgePublished',
      data: { pledgeId: 'p', publishedAt: '2025-02-01T00:00:00.000Z' },
    };
    const withdrawn: PledgeEvent = {
      type: 'PledgeWithdrawn',
      data: { pledgeId: 'p', reason: 'r', withdrawnAt: 'x' },
    };
    const histories = [[signed], [signed, published], [signed, published, withdrawn]];
    const start = Date.parse('2025-01-31T00:00:00.000Z');
    for (const config of configs) {
      for (const history of histories) {
        const pledge = fold(pledgeDecider, history) as ActivePledge;
        const document = {
          status: pledge.status,
          ...dueDates(pledge.signedAt, pledge.publishedAt, pledge.completedCycles, config),
        };
        for (let step = 0; step < 400; step++) {
          const now = new Date(
            start + step * 86_400_000 + (step % 7) * 3_600_000 + step * 977,
          ).toISOString();
          expect([now, reportingStatusOf(document, now)]).toEqual([
            now,
            reportingPosition(pledge, config, now).status,
          ]);
        }
      }
    }
  });
});

describe('reporting status as a filter', () => {
  const monthly = parseReportingConfig({
    interval: 'P3M',
    anchor: 'signature',
    stages: '-P1M,P0D',
    nonReportingAfter: 'P1M',
  });
  if ('errors' in monthly) throw new Error(monthly.errors.join());
  it.each([
    ['the default configuration', defaultReportingConfig()],
    ['months for windows', monthly],
  ])('selects exactly the documents whose computed status it names (%s)', (_name, config) => {
    const documents = Array.from({ length: 60 }, (_, i) => {
      const signedAt = new Date(
        Date.parse('2024-01-01T00:00:00.000Z') + i * 9 * 86_400_000,
      ).toISOString();
      const status = i % 7 === 0 ? 'withdrawn' : i % 3 === 0 ? 'published' : 'signed';
      return {
        _id: `p${i}`,
        status,
        ...dueDates(signedAt, i % 3 === 0 ? signedAt : undefined, i % 4 === 0 ? 1 : 0, config),
      };
    });
    const unanchored = {
      _id: 'none',
      status: 'signed',
      cycle: 1,
      dueAt: null,
      dueSoonAt: null,
      nonReportingAt: null,
    };
    for (const now of [
      '2024-06-01T00:00:00.000Z',
      '2025-01-15T00:00:00.000Z',
      '2025-06-30T12:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]) {
      const all = [...documents, unanchored];
      const computed = all.map((d) => ({ _id: d._id, status: reportingStatusOf(d, now) }));
      for (const status of REPORTING_STATUSES) {
        const filtered = (
          aggregate(all, [{ $match: reportingStatusFilter(status, now) }]) as { _id: string }[]
        )
          .map((d) => d._id)
          .sort();
        // The configuration's windows bound the range an index reads, and select the same pledges.
        const bounded = (
          aggregate(all, [
            { $match: reportingStatusFilter(status, now, reportingWindows(config)) },
          ]) as { _id: string }[]
        )
          .map((d) => d._id)
          .sort();
        expect([now, status, bounded]).toEqual([now, status, filtered]);
        expect([now, status, filtered]).toEqual([
          now,
          status,
          computed
            .filter((c) => c.status === status)
            .map((c) => c._id)
            .sort(),
        ]);
      }
    }
  });
});

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
import { reportingStatusExpression } from './reporting-status.expression';

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
          const [computed] = aggregate(
            [document],
            [{ $project: { status: reportingStatusExpression(now) } }],
          ) as { status: string }[];
          expect([now, computed!.status]).toEqual([
            now,
            reportingPosition(pledge, config, now).status,
          ]);
        }
      }
    }
  });
});

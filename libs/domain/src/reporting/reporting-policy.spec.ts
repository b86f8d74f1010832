import { pledgeDecider } from '../pledge/pledge.decider';
import type { PledgeEvent } from '../pledge/pledge.events';
import type { ActivePledge } from '../pledge/pledge.state';
import { fold } from '../shared/decider';
import { defaultReportingConfig, parseReportingConfig } from './reporting-config';
import { reportingPosition } from './reporting-policy';

const signedAt = '2025-01-31T00:00:00.000Z';
const signed: PledgeEvent = {
  type: 'PledgeSigned',
  data: {
    pledgeId: 'p',
    organisationId: 'o',
    signatory: { name: 'n', position: 'p' },
    signedAt,
    catalogueVersion: 'v',
    commitments: [],
  },
};
const pledge = (...more: PledgeEvent[]) => fold(pledgeDecider, [signed, ...more]) as ActivePledge;

describe('reporting policy', () => {
  const config = defaultReportingConfig();

  it('puts cycle 1 due one interval after signature, month arithmetic included', () => {
    expect(reportingPosition(pledge(), config, '2025-06-01T00:00:00.000Z')).toEqual({
      cycle: 1,
      dueAt: '2026-01-31T00:00:00.000Z',
      status: 'on-track',
    });
  });

  it.each([
    ['2026-01-01T00:00:00.000Z', 'due-soon'],
    ['2026-01-31T00:00:00.000Z', 'overdue'],
    ['2026-03-01T23:59:59.000Z', 'overdue'],
    ['2026-03-02T00:00:00.000Z', 'non-reporting'],
  ])('at %s the status is %s', (now, status) => {
    expect(reportingPosition(pledge(), config, now).status).toBe(status);
  });

  it('is withdrawn once withdrawn', () => {
    const withdrawn: PledgeEvent = {
      type: 'PledgeWithdrawn',
      data: { pledgeId: 'p', reason: 'r', withdrawnAt: signedAt },
    };
    expect(reportingPosition(pledge(withdrawn), config, signedAt)).toEqual({
      cycle: 1,
      dueAt: null,
      status: 'withdrawn',
    });
  });

  it('anchors on publication when configured, with no due date before it', () => {
    const byPublication = parseReportingConfig({
      interval: 'PT10S',
      anchor: 'publication',
      stages: 'P0D',
      nonReportingAfter: 'PT5S',
    });
    if ('errors' in byPublication) throw new Error(byPublication.errors.join());
    expect(reportingPosition(pledge(), byPublication, signedAt)).toEqual({
      cycle: 1,
      dueAt: null,
      status: 'on-track',
    });
    const published: PledgeEvent = {
      type: 'PledgePublished',
      data: { pledgeId: 'p', publishedAt: '2025-02-01T00:00:00.000Z' },
    };
    expect(reportingPosition(pledge(published), byPublication, signedAt).dueAt).toBe(
      '2025-02-01T00:00:10.000Z',
    );
  });

  it('names every bad setting', () => {
    const parsed = parseReportingConfig({
      interval: '12 months',
      anchor: 'moon',
      stages: '-P7D,soon',
      nonReportingAfter: '-P1D',
    });
    expect('errors' in parsed && parsed.errors).toEqual([
      expect.stringContaining('interval'),
      expect.stringContaining('anchor'),
      expect.stringContaining("stage 'soon'"),
      expect.stringContaining('non-reporting'),
    ]);
  });
});

import { fold } from '../shared/decider';
import { pledgeDecider } from './pledge.decider';
import { diffPledge } from './pledge.diff';
import type { PledgeEvent } from './pledge.events';

const at = '2026-01-01T00:00:00.000Z';
const history: PledgeEvent[] = [
  {
    type: 'PledgeSigned',
    data: {
      pledgeId: 'p',
      organisationId: 'o',
      signatory: { name: 'n', position: 'p' },
      signedAt: at,
      catalogueVersion: 'v',
      commitments: [
        {
          code: 'ai-literacy',
          tier: 'core',
          actions: [
            { actionId: 'a1', description: 'Train', status: 'planned', targetDate: '2026-06-30' },
          ],
        },
      ],
    },
  },
  {
    type: 'MilestoneReported',
    data: {
      pledgeId: 'p',
      milestoneId: 'm1',
      commitmentCode: 'ai-literacy',
      cycle: 1,
      summary: 'Half done',
      actionUpdates: [{ actionId: 'a1', status: 'underway' }],
      evidenceUrls: [],
      reportedAt: at,
    },
  },
  {
    type: 'MilestoneReviewed',
    data: {
      pledgeId: 'p',
      milestoneId: 'm1',
      outcome: 'accepted',
      comment: 'Fine',
      reviewedAt: at,
    },
  },
  {
    type: 'CommitmentAdded',
    data: {
      pledgeId: 'p',
      commitment: {
        code: 'provider-logging',
        tier: 'additional',
        actions: [
          { actionId: 'a2', description: 'Log', status: 'planned', targetDate: '2027-01-01' },
        ],
      },
      addedAt: at,
    },
  },
  { type: 'PledgePublished', data: { pledgeId: 'p', publishedAt: at } },
];
const state = (revision: number) => fold(pledgeDecider, history.slice(0, revision + 1));

describe('pledge diff', () => {
  it('shows action status changes, milestones, reviews, new commitments and status between two revisions', () => {
    expect(diffPledge(state(0), state(4))).toEqual({
      status: { from: 'signed', to: 'published' },
      publishedAt: { from: null, to: at },
      commitmentsAdded: [{ code: 'provider-logging', tier: 'additional', actions: 1 }],
      actionsAdded: [
        {
          commitmentCode: 'provider-logging',
          actionId: 'a2',
          description: 'Log',
          status: 'planned',
        },
      ],
      actionStatusChanges: [
        {
          commitmentCode: 'ai-literacy',
          actionId: 'a1',
          description: 'Train',
          status: { from: 'planned', to: 'underway' },
        },
      ],
      milestonesReported: [
        { commitmentCode: 'ai-literacy', milestoneId: 'm1', cycle: 1, summary: 'Half done' },
      ],
      reviews: [{ milestoneId: 'm1', outcome: { from: null, to: 'accepted' }, comment: 'Fine' }],
    });
  });

  it('is empty between a revision and itself, and shows everything from before the signature', () => {
    expect(diffPledge(state(2), state(2))).toEqual({
      commitmentsAdded: [],
      actionsAdded: [],
      actionStatusChanges: [],
      milestonesReported: [],
      reviews: [],
    });
    expect(diffPledge(pledgeDecider.initialState(), state(0))).toMatchObject({
      status: { from: null, to: 'signed' },
      commitmentsAdded: [{ code: 'ai-literacy' }],
    });
  });
});

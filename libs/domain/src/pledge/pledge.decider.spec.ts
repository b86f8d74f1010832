import { ConflictError, InvalidCommandError, NotFoundError } from '../shared/errors';
import { deciderSpec } from '../testing/decider-spec';
import { pledgeDecider, type SignPledge } from './pledge.decider';
import type { Action, PledgeEvent } from './pledge.events';

const spec = deciderSpec(pledgeDecider);
const at = '2026-01-15T12:00:00.000Z';
const action = (actionId: string, status: Action['status'] = 'planned'): Action => ({
  actionId,
  description: `Action ${actionId}`,
  status,
  targetDate: '2026-12-31',
});
const CORE = ['ai-governance-strategy', 'high-risk-mapping', 'ai-literacy'];
const commitmentInputs = (codes: string[]) =>
  codes.map((code, i) => ({ code, actions: [action(`a${i}`)] }));

const sign = (
  codes = CORE,
  roles: SignPledge['data']['organisationRoles'] = ['provider'],
): SignPledge => ({
  type: 'SignPledge',
  data: {
    pledgeId: 'pl-1',
    organisationId: 'org-1',
    organisationRoles: roles,
    signatory: { name: 'Grace Hopper', position: 'CEO' },
    commitments: commitmentInputs(codes),
    signedAt: at,
  },
});
const signed: PledgeEvent = {
  type: 'PledgeSigned',
  data: {
    pledgeId: 'pl-1',
    organisationId: 'org-1',
    signatory: { name: 'Grace Hopper', position: 'CEO' },
    signedAt: at,
    catalogueVersion: '2024-09',
    commitments: commitmentInputs(CORE).map((c) => ({ ...c, tier: 'core' as const })),
  },
};
const milestone = (milestoneId: string, commitmentCode: string, cycle: number): PledgeEvent => ({
  type: 'MilestoneReported',
  data: {
    pledgeId: 'pl-1',
    milestoneId,
    commitmentCode,
    cycle,
    summary: 'Progress',
    actionUpdates: [],
    evidenceUrls: [],
    reportedAt: at,
  },
});
const report = (
  milestoneId: string,
  commitmentCode: string,
  actionUpdates: { actionId: string; status: Action['status'] }[] = [],
) =>
  ({
    type: 'ReportMilestone',
    data: {
      milestoneId,
      commitmentCode,
      summary: 'Progress',
      actionUpdates,
      evidenceUrls: [],
      reportedAt: at,
    },
  }) as const;
const withdrawn: PledgeEvent = {
  type: 'PledgeWithdrawn',
  data: { pledgeId: 'pl-1', reason: 'merger', withdrawnAt: at },
};
const published: PledgeEvent = {
  type: 'PledgePublished',
  data: { pledgeId: 'pl-1', publishedAt: at },
};

describe('pledge decider', () => {
  describe('signing', () => {
    it('signs with the three core commitments and records the catalogue version', () => {
      spec.given([]).when(sign()).then([signed]);
    });

    it('accepts additional commitments that match the organisation roles', () => {
      const [event] = pledgeDecider.decide(
        sign([...CORE, 'provider-logging']),
        pledgeDecider.initialState(),
      );
      expect(event).toMatchObject({
        type: 'PledgeSigned',
        data: {
          commitments: expect.arrayContaining([
            expect.objectContaining({ code: 'provider-logging', tier: 'additional' }),
          ]),
        },
      });
    });

    it('refuses a pledge without every core commitment', () => {
      spec
        .given([])
        .when(sign(['ai-literacy', 'high-risk-mapping']))
        .thenThrows(InvalidCommandError, /core/);
    });

    it('refuses an additional commitment of another role', () => {
      spec
        .given([])
        .when(sign([...CORE, 'deployer-human-oversight'], ['provider']))
        .thenThrows(InvalidCommandError);
    });

    it('refuses unknown and repeated codes', () => {
      spec
        .given([])
        .when(sign([...CORE, 'no-such-code']))
        .thenThrows(InvalidCommandError);
      spec
        .given([])
        .when(sign([...CORE, 'ai-literacy']))
        .thenThrows(InvalidCommandError);
    });

    it('refuses 0 or 21 actions, bad statuses and target dates out of range', () => {
      const withActions = (actions: Action[]): SignPledge => {
        const command = sign();
        return {
          ...command,
          data: {
            ...command.data,
            commitments: [{ code: CORE[0]!, actions }, ...command.data.commitments.slice(1)],
          },
        };
      };
      spec.given([]).when(withActions([])).thenThrows(InvalidCommandError);
      spec
        .given([])
        .when(withActions(Array.from({ length: 21 }, (_, i) => action(`x${i}`))))
        .thenThrows(InvalidCommandError);
      spec
        .given([])
        .when(withActions([{ ...action('x'), targetDate: '2024-07-31' }]))
        .thenThrows(InvalidCommandError);
      spec
        .given([])
        .when(withActions([{ ...action('x'), targetDate: '2033-01-01' }]))
        .thenThrows(InvalidCommandError);
      spec
        .given([])
        .when(withActions([{ ...action('x'), targetDate: '2025-02-30' }]))
        .thenThrows(InvalidCommandError);
      spec
        .given([])
        .when(withActions([{ ...action('x'), status: 'finished' as Action['status'] }]))
        .thenThrows(InvalidCommandError);
      spec
        .given([])
        .when(withActions(Array.from({ length: 20 }, (_, i) => action(`x${i}`))))
        .then([expect.objectContaining({ type: 'PledgeSigned' })]);
    });

    it('refuses to sign the same pledge twice', () => {
      spec.given([signed]).when(sign()).thenThrows(ConflictError);
    });
  });

  describe('incremental objectives', () => {
    const add = (code: string) =>
      ({
        type: 'AddCommitment',
        data: {
          organisationRoles: ['provider'],
          commitment: { code, actions: [action('n1')] },
          addedAt: at,
        },
      }) as const;

    it('adds a commitment', () => {
      spec
        .given([signed])
        .when(add('provider-logging'))
        .then([
          {
            type: 'CommitmentAdded',
            data: {
              pledgeId: 'pl-1',
              commitment: { code: 'provider-logging', tier: 'additional', actions: [action('n1')] },
              addedAt: at,
            },
          },
        ]);
    });

    it('refuses a code the pledge already holds, a role mismatch, and a withdrawn pledge', () => {
      spec.given([signed]).when(add('ai-literacy')).thenThrows(ConflictError);
      spec.given([signed]).when(add('deployer-worker-information')).thenThrows(InvalidCommandError);
      spec
        .given([signed, withdrawn])
        .when(add('provider-logging'))
        .thenThrows(ConflictError, /withdrawn/);
      spec.given([]).when(add('provider-logging')).thenThrows(NotFoundError);
    });
  });

  describe('milestones and reporting cycles', () => {
    it('counts a milestone toward cycle 1 and applies action updates', () => {
      const expected = milestone('m1', 'ai-literacy', 1);
      spec
        .given([signed])
        .when(report('m1', 'ai-literacy', [{ actionId: 'a2', status: 'done' }]))
        .then([
          {
            ...expected,
            data: { ...expected.data, actionUpdates: [{ actionId: 'a2', status: 'done' }] },
          } as PledgeEvent,
        ]);
      const state = [
        signed,
        pledgeDecider.decide(
          report('m1', 'ai-literacy', [{ actionId: 'a2', status: 'done' }]),
          pledgeDecider.evolve(pledgeDecider.initialState(), signed),
        )[0]!,
      ].reduce(pledgeDecider.evolve, pledgeDecider.initialState());
      expect(state).toMatchObject({
        commitments: expect.arrayContaining([
          expect.objectContaining({
            code: 'ai-literacy',
            actions: [expect.objectContaining({ status: 'done' })],
          }),
        ]),
      });
    });

    it('completes the cycle when every commitment has a milestone in it', () => {
      spec
        .given([
          signed,
          milestone('m1', 'ai-governance-strategy', 1),
          milestone('m2', 'high-risk-mapping', 1),
        ])
        .when(report('m3', 'ai-literacy'))
        .then([
          milestone('m3', 'ai-literacy', 1),
          {
            type: 'ReportingCycleCompleted',
            data: { pledgeId: 'pl-1', cycle: 1, completedAt: at },
          },
        ]);
    });

    it('attributes milestones to the earliest incomplete cycle', () => {
      const cycle1 = [
        milestone('m1', 'ai-governance-strategy', 1),
        milestone('m2', 'high-risk-mapping', 1),
        milestone('m3', 'ai-literacy', 1),
      ];
      const completed: PledgeEvent = {
        type: 'ReportingCycleCompleted',
        data: { pledgeId: 'pl-1', cycle: 1, completedAt: at },
      };
      spec
        .given([signed, ...cycle1, completed])
        .when(report('m4', 'ai-literacy'))
        .then([milestone('m4', 'ai-literacy', 2)]);
      // A second milestone for the same commitment in an incomplete cycle stays in that cycle.
      spec
        .given([signed, milestone('m1', 'ai-literacy', 1)])
        .when(report('m2', 'ai-literacy'))
        .then([milestone('m2', 'ai-literacy', 1)]);
    });

    it('requires a commitment added mid-cycle before the cycle completes', () => {
      const added: PledgeEvent = {
        type: 'CommitmentAdded',
        data: {
          pledgeId: 'pl-1',
          commitment: { code: 'provider-logging', tier: 'additional', actions: [action('n1')] },
          addedAt: at,
        },
      };
      spec
        .given([
          signed,
          added,
          milestone('m1', 'ai-governance-strategy', 1),
          milestone('m2', 'high-risk-mapping', 1),
        ])
        .when(report('m3', 'ai-literacy'))
        .then([milestone('m3', 'ai-literacy', 1)]);
    });

    it('refuses unknown commitments and actions of another commitment', () => {
      spec.given([signed]).when(report('m1', 'provider-logging')).thenThrows(InvalidCommandError);
      spec
        .given([signed])
        .when(report('m1', 'ai-literacy', [{ actionId: 'a0', status: 'done' }]))
        .thenThrows(InvalidCommandError);
    });

    it('refuses a milestone id reported twice and any report on a withdrawn pledge', () => {
      spec
        .given([signed, milestone('m1', 'ai-literacy', 1)])
        .when(report('m1', 'ai-literacy'))
        .thenThrows(ConflictError);
      spec.given([signed, withdrawn]).when(report('m1', 'ai-literacy')).thenThrows(ConflictError);
    });
  });

  describe('reviews', () => {
    const review = (outcome: 'accepted' | 'clarification-requested') =>
      ({
        type: 'ReviewMilestone',
        data: { milestoneId: 'm1', outcome, comment: 'ok', reviewedAt: at },
      }) as const;
    const reviewed = (outcome: 'accepted' | 'clarification-requested'): PledgeEvent => ({
      type: 'MilestoneReviewed',
      data: { pledgeId: 'pl-1', milestoneId: 'm1', outcome, comment: 'ok', reviewedAt: at },
    });

    it('reviews a milestone, asks for clarification, then accepts it once', () => {
      spec
        .given([signed, milestone('m1', 'ai-literacy', 1)])
        .when(review('clarification-requested'))
        .then([reviewed('clarification-requested')]);
      spec
        .given([signed, milestone('m1', 'ai-literacy', 1), reviewed('clarification-requested')])
        .when(review('accepted'))
        .then([reviewed('accepted')]);
      spec
        .given([signed, milestone('m1', 'ai-literacy', 1), reviewed('accepted')])
        .when(review('accepted'))
        .thenThrows(ConflictError);
    });

    it('answers not found for an unknown milestone', () => {
      spec.given([signed]).when(review('accepted')).thenThrows(NotFoundError);
    });
  });

  describe('publication and withdrawal', () => {
    it('publishes once', () => {
      spec
        .given([signed])
        .when({ type: 'PublishPledge', data: { publishedAt: at } })
        .then([published]);
      spec
        .given([signed, published])
        .when({ type: 'PublishPledge', data: { publishedAt: at } })
        .thenThrows(ConflictError);
    });

    it('withdraws, after which no command is accepted', () => {
      spec
        .given([signed, published])
        .when({ type: 'WithdrawPledge', data: { reason: 'merger', withdrawnAt: at } })
        .then([withdrawn]);
      spec
        .given([signed, withdrawn])
        .when({ type: 'WithdrawPledge', data: { reason: 'again', withdrawnAt: at } })
        .thenThrows(ConflictError);
      spec
        .given([signed, withdrawn])
        .when({ type: 'PublishPledge', data: { publishedAt: at } })
        .thenThrows(ConflictError);
    });
  });
});

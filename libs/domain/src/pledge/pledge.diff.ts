import type { ActionStatus } from '../shared/values';
import type { MilestoneOutcome } from './pledge.events';
import type { PledgeState } from './pledge.state';

export interface Change<T> {
  readonly from: T | null;
  readonly to: T | null;
}

/** What changed in a pledge between two of its states, in a form a UI can render. */
export interface PledgeDiff {
  readonly status?: Change<string>;
  readonly publishedAt?: Change<string>;
  readonly withdrawnAt?: Change<string>;
  readonly completedCycles?: Change<number>;
  readonly commitmentsAdded: { code: string; tier: string; actions: number }[];
  readonly actionsAdded: {
    commitmentCode: string;
    actionId: string;
    description: string;
    status: ActionStatus;
  }[];
  readonly actionStatusChanges: {
    commitmentCode: string;
    actionId: string;
    description: string;
    status: Change<ActionStatus>;
  }[];
  readonly milestonesReported: {
    commitmentCode: string;
    milestoneId: string;
    cycle: number;
    summary: string;
  }[];
  readonly reviews: { milestoneId: string; outcome: Change<MilestoneOutcome>; comment: string }[];
}

export function diffPledge(before: PledgeState, after: PledgeState): PledgeDiff {
  const diff: {
    -readonly [K in keyof PledgeDiff]: PledgeDiff[K];
  } = {
    commitmentsAdded: [],
    actionsAdded: [],
    actionStatusChanges: [],
    milestonesReported: [],
    reviews: [],
  };
  const field = <T>(from: T | undefined, to: T | undefined): Change<T> | undefined =>
    from === to ? undefined : { from: from ?? null, to: to ?? null };
  const a = after.status === 'none' ? undefined : after;
  const b = before.status === 'none' ? undefined : before;
  const status = field<string>(before.status === 'none' ? undefined : before.status, a?.status);
  if (status) diff.status = status;
  const publishedAt = field(b?.publishedAt, a?.publishedAt);
  if (publishedAt) diff.publishedAt = publishedAt;
  const withdrawnAt = field(b?.withdrawnAt, a?.withdrawnAt);
  if (withdrawnAt) diff.withdrawnAt = withdrawnAt;
  const completedCycles = field(b?.completedCycles, a?.completedCycles);
  if (completedCycles) diff.completedCycles = completedCycles;

  const earlier = new Map((b?.commitments ?? []).map((c) => [c.code, c]));
  for (const commitment of a?.commitments ?? []) {
    const previous = earlier.get(commitment.code);
    if (!previous)
      diff.commitmentsAdded.push({
        code: commitment.code,
        tier: commitment.tier,
        actions: commitment.actions.length,
      });
    const previousActions = new Map(
      (previous?.actions ?? []).map((action) => [action.actionId, action]),
    );
    for (const action of commitment.actions) {
      const was = previousActions.get(action.actionId);
      const entry = {
        commitmentCode: commitment.code,
        actionId: action.actionId,
        description: action.description,
      };
      if (!was) diff.actionsAdded.push({ ...entry, status: action.status });
      else if (was.status !== action.status)
        diff.actionStatusChanges.push({
          ...entry,
          status: { from: was.status, to: action.status },
        });
    }
    const previousMilestones = new Map((previous?.milestones ?? []).map((m) => [m.milestoneId, m]));
    for (const milestone of commitment.milestones) {
      const was = previousMilestones.get(milestone.milestoneId);
      if (!was) {
        const { milestoneId, cycle, summary } = milestone;
        diff.milestonesReported.push({
          commitmentCode: commitment.code,
          milestoneId,
          cycle,
          summary,
        });
      }
      const outcome = field(was?.review?.outcome, milestone.review?.outcome);
      if (
        milestone.review &&
        (outcome || was?.review?.reviewedAt !== milestone.review.reviewedAt)
      ) {
        diff.reviews.push({
          milestoneId: milestone.milestoneId,
          outcome: outcome ?? { from: was?.review?.outcome ?? null, to: milestone.review.outcome },
          comment: milestone.review.comment,
        });
      }
    }
  }
  return diff;
}

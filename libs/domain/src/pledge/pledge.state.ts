import { assertNever } from '../shared/decider';
import type {
  Action,
  ActionUpdate,
  Commitment,
  MilestoneOutcome,
  PledgeEvent,
  Signatory,
} from './pledge.events';

export interface MilestoneState {
  readonly milestoneId: string;
  readonly cycle: number;
  readonly summary: string;
  readonly actionUpdates: readonly ActionUpdate[];
  readonly evidenceUrls: readonly string[];
  readonly reportedAt: string;
  readonly review?: {
    readonly outcome: MilestoneOutcome;
    readonly comment: string;
    readonly reviewedAt: string;
  };
}

export interface CommitmentState extends Commitment {
  readonly milestones: readonly MilestoneState[];
}

export interface ActivePledge {
  readonly status: 'signed' | 'published' | 'withdrawn';
  readonly pledgeId: string;
  readonly organisationId: string;
  readonly signatory: Signatory;
  readonly signedAt: string;
  readonly catalogueVersion: string;
  readonly publishedAt?: string;
  readonly withdrawnAt?: string;
  readonly withdrawalReason?: string;
  readonly commitments: readonly CommitmentState[];
  /** Cycles complete in order, so the count is also the number of the last completed cycle. */
  readonly completedCycles: number;
  /** Prompts recorded so far, as `cycle/offset`: each is sent at most once, ever. */
  readonly promptsSent: readonly string[];
  /** The cycle the pledge was marked non-reporting for, until that cycle completes. */
  readonly nonReportingCycle?: number;
  /** Timeline versions the pledge has been notified of: each at most once. */
  readonly timelineNotices: readonly string[];
}

export type PledgeState = { readonly status: 'none' } | ActivePledge;

export const initialPledgeState = (): PledgeState => ({ status: 'none' });

export function evolvePledge(state: PledgeState, event: PledgeEvent): PledgeState {
  if (event.type === 'PledgeSigned') {
    const { commitments, ...rest } = event.data;
    return {
      status: 'signed',
      ...rest,
      commitments: commitments.map((c) => ({ ...c, milestones: [] })),
      completedCycles: 0,
      promptsSent: [],
      timelineNotices: [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CommitmentAdded':
      return {
        ...state,
        commitments: [...state.commitments, { ...event.data.commitment, milestones: [] }],
      };
    case 'PledgePublished':
      return { ...state, status: 'published', publishedAt: event.data.publishedAt };
    case 'MilestoneReported': {
      const { pledgeId: _p, commitmentCode, ...milestone } = event.data;
      return mapCommitment(state, commitmentCode, (c) => ({
        ...c,
        actions: applyActionUpdates(c.actions, milestone.actionUpdates),
        milestones: [...c.milestones, milestone],
      }));
    }
    case 'MilestoneReviewed': {
      const { milestoneId, outcome, comment, reviewedAt } = event.data;
      return {
        ...state,
        commitments: state.commitments.map((c) => ({
          ...c,
          milestones: c.milestones.map((m) =>
            m.milestoneId === milestoneId ? { ...m, review: { outcome, comment, reviewedAt } } : m,
          ),
        })),
      };
    }
    case 'ReportingCycleCompleted': {
      const completedCycles = Math.max(state.completedCycles, event.data.cycle);
      const { nonReportingCycle: marked, ...rest } = state;
      // Completing the cycle a pledge was marked non-reporting for clears the mark.
      return marked !== undefined && marked > completedCycles
        ? { ...rest, completedCycles, nonReportingCycle: marked }
        : { ...rest, completedCycles };
    }
    case 'ReportingPromptSent':
      return {
        ...state,
        promptsSent: [...state.promptsSent, promptKey(event.data.cycle, event.data.offset)],
      };
    case 'PledgeMarkedNonReporting':
      return { ...state, nonReportingCycle: event.data.cycle };
    case 'TimelineChangeNoticed':
      return { ...state, timelineNotices: [...state.timelineNotices, event.data.timelineVersion] };
    case 'PledgeWithdrawn':
      return {
        ...state,
        status: 'withdrawn',
        withdrawnAt: event.data.withdrawnAt,
        withdrawalReason: event.data.reason,
      };
    default:
      return assertNever(event);
  }
}

export function findMilestone(
  state: ActivePledge,
  milestoneId: string,
): { commitment: CommitmentState; milestone: MilestoneState } | undefined {
  for (const commitment of state.commitments) {
    const milestone = commitment.milestones.find((m) => m.milestoneId === milestoneId);
    if (milestone) return { commitment, milestone };
  }
  return undefined;
}

/** The cycle a new milestone counts toward: the earliest one not yet complete. */
export function currentCycle(state: ActivePledge): number {
  return state.completedCycles + 1;
}

function mapCommitment(
  state: ActivePledge,
  code: string,
  update: (commitment: CommitmentState) => CommitmentState,
): ActivePledge {
  return { ...state, commitments: state.commitments.map((c) => (c.code === code ? update(c) : c)) };
}

function applyActionUpdates(
  actions: readonly Action[],
  updates: readonly ActionUpdate[],
): Action[] {
  const byId = new Map(updates.map((u) => [u.actionId, u.status]));
  return actions.map((a) => (byId.has(a.actionId) ? { ...a, status: byId.get(a.actionId)! } : a));
}

/** Identifies a prompt: its cycle and its offset from the due date. */
export function promptKey(cycle: number, offset: string): string {
  return `${cycle}/${offset}`;
}

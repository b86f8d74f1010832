import type { CommitmentTier } from '../catalogue/commitment-catalogue';
import type { DomainEvent } from '../shared/decider';
import type { ActionStatus } from '../shared/values';
import type { DateChange } from '../timeline/ai-act-timeline';
import type { ActionRecalendared } from '../timeline/pledge-calendar';

export interface Action {
  readonly actionId: string;
  readonly description: string;
  readonly status: ActionStatus;
  readonly targetDate: string;
}

export interface Commitment {
  readonly code: string;
  readonly tier: CommitmentTier;
  readonly actions: readonly Action[];
}

export interface Signatory {
  readonly name: string;
  readonly position: string;
}

export interface ActionUpdate {
  readonly actionId: string;
  readonly status: ActionStatus;
}

export type MilestoneOutcome = 'accepted' | 'clarification-requested';

export type PledgeSigned = DomainEvent<
  'PledgeSigned',
  {
    readonly pledgeId: string;
    readonly organisationId: string;
    readonly signatory: Signatory;
    readonly signedAt: string;
    readonly catalogueVersion: string;
    readonly commitments: readonly Commitment[];
  }
>;

export type CommitmentAdded = DomainEvent<
  'CommitmentAdded',
  { readonly pledgeId: string; readonly commitment: Commitment; readonly addedAt: string }
>;

export type PledgePublished = DomainEvent<
  'PledgePublished',
  { readonly pledgeId: string; readonly publishedAt: string }
>;

export type MilestoneReported = DomainEvent<
  'MilestoneReported',
  {
    readonly pledgeId: string;
    readonly milestoneId: string;
    readonly commitmentCode: string;
    readonly cycle: number;
    readonly summary: string;
    readonly actionUpdates: readonly ActionUpdate[];
    readonly evidenceUrls: readonly string[];
    readonly reportedAt: string;
  }
>;

export type MilestoneReviewed = DomainEvent<
  'MilestoneReviewed',
  {
    readonly pledgeId: string;
    readonly milestoneId: string;
    readonly outcome: MilestoneOutcome;
    readonly comment: string;
    readonly reviewedAt: string;
  }
>;

export type ReportingCycleCompleted = DomainEvent<
  'ReportingCycleCompleted',
  { readonly pledgeId: string; readonly cycle: number; readonly completedAt: string }
>;

/** Before the due date, on it, or after it: the sign of the prompt's offset. */
export type PromptStage = 'upcoming' | 'due' | 'overdue';

export type ReportingPromptSent = DomainEvent<
  'ReportingPromptSent',
  {
    readonly pledgeId: string;
    readonly promptId: string;
    readonly cycle: number;
    readonly stage: PromptStage;
    /** The configured offset from the due date (ISO 8601), which with the cycle identifies the prompt. */
    readonly offset: string;
    readonly dueAt: string;
    readonly sentAt: string;
    readonly channels: readonly string[];
  }
>;

export type PledgeMarkedNonReporting = DomainEvent<
  'PledgeMarkedNonReporting',
  {
    readonly pledgeId: string;
    readonly cycle: number;
    readonly dueAt: string;
    readonly markedAt: string;
  }
>;

export type PledgeWithdrawn = DomainEvent<
  'PledgeWithdrawn',
  { readonly pledgeId: string; readonly reason: string; readonly withdrawnAt: string }
>;

/**
 * A new version of the AI Act's timeline moved the date a provision of this pledge applies from:
 * what moved, and each action of the commitments concerned with its calendar before and after.
 * Caused by the timeline's `TimelineVersionRecorded`; recorded once per pledge and version.
 */
export type TimelineChangeNoticed = DomainEvent<
  'TimelineChangeNoticed',
  {
    readonly pledgeId: string;
    readonly noticeId: string;
    readonly timelineVersion: string;
    readonly previousVersion: string;
    readonly changes: readonly DateChange[];
    readonly actions: readonly ActionRecalendared[];
    readonly noticedAt: string;
    readonly channels: readonly string[];
  }
>;

export type PledgeEvent =
  | PledgeSigned
  | CommitmentAdded
  | PledgePublished
  | MilestoneReported
  | MilestoneReviewed
  | ReportingCycleCompleted
  | ReportingPromptSent
  | PledgeMarkedNonReporting
  | PledgeWithdrawn
  | TimelineChangeNoticed;

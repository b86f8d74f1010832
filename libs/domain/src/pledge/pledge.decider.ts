import { commitmentCatalogue, type CommitmentCatalogue } from '../catalogue/commitment-catalogue';
import { assertNever, type Decider, type DomainCommand } from '../shared/decider';
import { ConflictError, InvalidCommandError, NotFoundError } from '../shared/errors';
import type { Role } from '../shared/values';
import type { DateChange, Timeline } from '../timeline/ai-act-timeline';
import { timelineImpact } from '../timeline/pledge-calendar';
import type {
  ActionUpdate,
  MilestoneOutcome,
  PledgeEvent,
  PromptStage,
  Signatory,
  ReportingPromptSent,
} from './pledge.events';
import { toCommitments, type CommitmentInput } from './pledge.rules';
import {
  currentCycle,
  evolvePledge,
  promptKey,
  findMilestone,
  initialPledgeState,
  type ActivePledge,
  type PledgeState,
} from './pledge.state';

export type SignPledge = DomainCommand<
  'SignPledge',
  {
    readonly pledgeId: string;
    readonly organisationId: string;
    /** The organisation's roles when it signs: additional commitments must match them. */
    readonly organisationRoles: readonly Role[];
    readonly signatory: Signatory;
    readonly commitments: readonly CommitmentInput[];
    readonly signedAt: string;
  }
>;
export type AddCommitment = DomainCommand<
  'AddCommitment',
  {
    readonly organisationRoles: readonly Role[];
    readonly commitment: CommitmentInput;
    readonly addedAt: string;
  }
>;
export type ReportMilestone = DomainCommand<
  'ReportMilestone',
  {
    readonly milestoneId: string;
    readonly commitmentCode: string;
    readonly summary: string;
    readonly actionUpdates: readonly ActionUpdate[];
    readonly evidenceUrls: readonly string[];
    readonly reportedAt: string;
  }
>;
export type ReviewMilestone = DomainCommand<
  'ReviewMilestone',
  {
    readonly milestoneId: string;
    readonly outcome: MilestoneOutcome;
    readonly comment: string;
    readonly reviewedAt: string;
  }
>;
export type SendReportingPrompt = DomainCommand<
  'SendReportingPrompt',
  {
    readonly promptId: string;
    readonly cycle: number;
    readonly stage: PromptStage;
    readonly offset: string;
    readonly dueAt: string;
    readonly sentAt: string;
    readonly channels: readonly string[];
  }
>;
export type MarkNonReporting = DomainCommand<
  'MarkNonReporting',
  { readonly cycle: number; readonly dueAt: string; readonly markedAt: string }
>;
export type PublishPledge = DomainCommand<'PublishPledge', { readonly publishedAt: string }>;
export type WithdrawPledge = DomainCommand<
  'WithdrawPledge',
  { readonly reason: string; readonly withdrawnAt: string }
>;

export type NoticeTimelineChange = DomainCommand<
  'NoticeTimelineChange',
  {
    readonly noticeId: string;
    readonly previous: Timeline;
    readonly next: Timeline;
    /** The changes the new version records (against `previous`). */
    readonly changes: readonly DateChange[];
    readonly noticedAt: string;
    readonly channels: readonly string[];
  }
>;

export type PledgeCommand =
  | SignPledge
  | AddCommitment
  | ReportMilestone
  | ReviewMilestone
  | PublishPledge
  | WithdrawPledge
  | SendReportingPrompt
  | MarkNonReporting
  | NoticeTimelineChange;

export function createPledgeDecider(
  catalogue: CommitmentCatalogue,
): Decider<PledgeCommand, PledgeEvent, PledgeState> {
  return {
    initialState: initialPledgeState,
    evolve: evolvePledge,
    decide(command, state) {
      if (command.type === 'SignPledge') return signPledge(command, state, catalogue);
      if (state.status === 'none') throw new NotFoundError('Pledge not found', 'pledge-not-found');
      if (state.status === 'withdrawn')
        throw new ConflictError('The pledge is withdrawn', 'pledge-withdrawn');
      switch (command.type) {
        case 'AddCommitment':
          return addCommitment(command, state, catalogue);
        case 'ReportMilestone':
          return reportMilestone(command, state);
        case 'ReviewMilestone':
          return reviewMilestone(command, state);
        case 'PublishPledge':
          if (state.status === 'published')
            throw new ConflictError('The pledge is already published', 'pledge-published');
          return [{ type: 'PledgePublished', data: { pledgeId: state.pledgeId, ...command.data } }];
        case 'WithdrawPledge':
          return [{ type: 'PledgeWithdrawn', data: { pledgeId: state.pledgeId, ...command.data } }];
        case 'SendReportingPrompt':
          requireCurrentCycle(state, command.data.cycle);
          if (state.promptsSent.includes(promptKey(command.data.cycle, command.data.offset)))
            return [];
          return [{ type: 'ReportingPromptSent', data: promptSent(state.pledgeId, command.data) }];
        case 'MarkNonReporting':
          requireCurrentCycle(state, command.data.cycle);
          if (state.nonReportingCycle === command.data.cycle) return [];
          return [
            {
              type: 'PledgeMarkedNonReporting',
              data: {
                pledgeId: state.pledgeId,
                cycle: command.data.cycle,
                dueAt: command.data.dueAt,
                markedAt: command.data.markedAt,
              },
            },
          ];
        case 'NoticeTimelineChange':
          return noticeTimelineChange(command, state, catalogue);
        default:
          return assertNever(command);
      }
    },
  };
}

export const pledgeDecider = createPledgeDecider(commitmentCatalogue);

function signPledge(
  command: SignPledge,
  state: PledgeState,
  catalogue: CommitmentCatalogue,
): PledgeEvent[] {
  if (state.status !== 'none')
    throw new ConflictError('This pledge is already signed', 'pledge-signed');
  const { organisationRoles, commitments: inputs, ...data } = command.data;
  const commitments = toCommitments(
    inputs,
    catalogue,
    organisationRoles,
    (i) => `commitments[${i}]`,
  );
  const codes = new Set(commitments.map((c) => c.code));
  const missing = catalogue.coreCodes().filter((code) => !codes.has(code));
  if (missing.length > 0) {
    throw new InvalidCommandError(
      'A pledge holds all three core commitments',
      'pledge-core-missing',
      [
        {
          field: 'commitments',
          message: `missing core commitments: ${missing.join(', ')}`,
          code: 'core-missing',
        },
      ],
    );
  }
  return [
    { type: 'PledgeSigned', data: { ...data, catalogueVersion: catalogue.version, commitments } },
  ];
}

function addCommitment(
  command: AddCommitment,
  state: ActivePledge,
  catalogue: CommitmentCatalogue,
): PledgeEvent[] {
  const { commitment: input, organisationRoles, addedAt } = command.data;
  if (state.commitments.some((c) => c.code === input.code)) {
    throw new ConflictError(
      `The pledge already holds commitment '${input.code}'`,
      'pledge-commitment-held',
    );
  }
  const [commitment] = toCommitments([input], catalogue, organisationRoles, () => '');
  return [
    {
      type: 'CommitmentAdded',
      data: { pledgeId: state.pledgeId, commitment: commitment!, addedAt },
    },
  ];
}

function reportMilestone(command: ReportMilestone, state: ActivePledge): PledgeEvent[] {
  const { commitmentCode, actionUpdates, milestoneId, reportedAt } = command.data;
  const commitment = state.commitments.find((c) => c.code === commitmentCode);
  if (!commitment) {
    throw new InvalidCommandError('Unknown commitment', 'pledge-commitment-unknown', [
      {
        field: 'commitmentCode',
        message: `the pledge holds no commitment '${commitmentCode}'`,
        code: 'commitment-not-held',
      },
    ]);
  }
  const actionIds = new Set(commitment.actions.map((a) => a.actionId));
  const badUpdates = actionUpdates
    .map((update, i) => ({ update, i }))
    .filter(({ update }) => !actionIds.has(update.actionId))
    .map(({ update, i }) => ({
      field: `actionUpdates[${i}].actionId`,
      message: `'${update.actionId}' is not an action of commitment '${commitmentCode}'`,
      code: 'action-unknown' as const,
    }));
  if (badUpdates.length > 0)
    throw new InvalidCommandError('Unknown actions', 'pledge-actions-unknown', badUpdates);
  if (findMilestone(state, milestoneId))
    throw new ConflictError('This milestone is already reported', 'milestone-reported');

  const cycle = currentCycle(state);
  const reported: PledgeEvent = {
    type: 'MilestoneReported',
    data: { pledgeId: state.pledgeId, ...command.data, cycle },
  };
  const after = evolvePledge(state, reported) as ActivePledge;
  const complete = after.commitments.every((c) => c.milestones.some((m) => m.cycle === cycle));
  if (!complete) return [reported];
  return [
    reported,
    {
      type: 'ReportingCycleCompleted',
      data: { pledgeId: state.pledgeId, cycle, completedAt: reportedAt },
    },
  ];
}

function reviewMilestone(command: ReviewMilestone, state: ActivePledge): PledgeEvent[] {
  const found = findMilestone(state, command.data.milestoneId);
  if (!found) throw new NotFoundError('Milestone not found', 'milestone-not-found');
  if (found.milestone.review?.outcome === 'accepted') {
    throw new ConflictError('This milestone is already accepted', 'milestone-accepted');
  }
  return [{ type: 'MilestoneReviewed', data: { pledgeId: state.pledgeId, ...command.data } }];
}

/** Prompts and non-reporting marks are for the cycle now being reported, never a completed one. */
function requireCurrentCycle(state: ActivePledge, cycle: number): void {
  if (cycle !== currentCycle(state)) {
    throw new ConflictError(
      `Cycle ${cycle} is not the cycle being reported (${currentCycle(state)})`,
      'pledge-cycle-mismatch',
    );
  }
}

function promptSent(
  pledgeId: string,
  prompt: SendReportingPrompt['data'],
): ReportingPromptSent['data'] {
  const { promptId, cycle, stage, offset, dueAt, sentAt, channels } = prompt;
  return { pledgeId, promptId, cycle, stage, offset, dueAt, sentAt, channels };
}

/** Once per timeline version, and only when the change touches one of the pledge's commitments. */
function noticeTimelineChange(
  command: NoticeTimelineChange,
  state: ActivePledge,
  catalogue: CommitmentCatalogue,
): PledgeEvent[] {
  const { noticeId, previous, next, noticedAt, channels } = command.data;
  if (state.timelineNotices.includes(next.version)) return [];
  const impact = timelineImpact(state.commitments, catalogue, previous, next, command.data.changes);
  if (impact.actions.length === 0) return [];
  return [
    {
      type: 'TimelineChangeNoticed',
      data: {
        pledgeId: state.pledgeId,
        noticeId,
        timelineVersion: next.version,
        previousVersion: previous.version,
        changes: impact.changes,
        actions: impact.actions,
        noticedAt,
        channels,
      },
    },
  ];
}

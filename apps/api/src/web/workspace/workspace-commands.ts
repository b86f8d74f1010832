import {
  ActOnPledgeCommand,
  AddCommitmentCommand,
  ReportMilestoneCommand,
  SignPledgeCommand,
  SharePracticeCommand,
} from '@pact/commands';
import { type CommandContext, type CommandResult } from '@pact/application';
import type { ActivePledge } from '@pact/domain';
import type { FastifyRequest } from 'fastify';
import { CommitmentDto } from '../../pledges/pledge.dto';
import { ReportMilestoneDto } from '../../pledges/report-milestone/report-milestone.controller';
import { SignPledgeDto } from '../../pledges/sign-pledge/sign-pledge.controller';
import { WithdrawPledgeDto } from '../../pledges/withdraw-pledge/withdraw-pledge.controller';
import { PracticeDto } from '../../practices/practice.dto';
import { field, fields, withoutIndexes, type FormBody } from '../kit/form';
import type { FieldLabels } from '../kit/refusal-text';
import type { PageCommands } from '../kit/page-commands';
import type { Outcome } from '../kit/page-response';
import { validated } from '../kit/validated';
import { pageRefusal } from '../kit/page-errors';

/** Each workspace form's labels, by the path of its fields in the command's body. */
export const WORKSPACE_FIELD_LABELS: Readonly<Record<string, FieldLabels>> = {
  sign: {
    'signatory.name': 'workspace.signatoryName',
    'signatory.position': 'workspace.signatoryPosition',
    commitments: 'form.commitments',
    'commitments.code': 'workspace.commitment',
    'commitments.actions': 'form.actions',
    'commitments.actions.description': 'workspace.actionDescriptionPlain',
    'commitments.actions.status': 'workspace.actionStatusPlain',
    'commitments.actions.targetDate': 'workspace.actionTargetPlain',
  },
  report: {
    commitmentCode: 'workspace.commitment',
    summary: 'workspace.summary',
    actionUpdates: 'workspace.actionUpdates',
    'actionUpdates.actionId': 'workspace.actionUpdates',
    'actionUpdates.status': 'workspace.actionUpdates',
    evidenceUrls: 'workspace.evidence',
  },
  'add-commitment': {
    code: 'workspace.newObjective',
    actions: 'form.actions',
    'actions.description': 'workspace.actionDescriptionPlain',
    'actions.status': 'workspace.actionStatusPlain',
    'actions.targetDate': 'workspace.actionTargetPlain',
  },
  'share-practice': {
    title: 'practice.title',
    summary: 'practice.abstract',
    body: 'practice.fullText',
    category: 'practice.category',
    implementationLevel: 'practice.level',
    tags: 'practice.tags',
    language: 'practice.language',
    publicationConsent: 'practice.consent',
  },
  withdraw: { reason: 'workspace.reason', confirm: 'form.confirmation' },
};

/**
 * The form field an error's path in the command points at, as `runWorkspaceForm` builds each
 * command from its form; undefined when no one field holds it.
 */
export function workspaceFieldName(path: string, body: FormBody): string | undefined {
  const plain = withoutIndexes(path);
  switch (field(body, 'intent')) {
    case 'sign': {
      if (plain === 'signatory.name') return 'signatoryName';
      if (plain === 'signatory.position') return 'signatoryPosition';
      // A commitment's action fields are named by its code, in the order the form sent them.
      const action = /^commitments\[(\d+)\]\.actions\[\d+\]\.(\w+)$/.exec(path);
      const code = action && [...new Set(fields(body, 'commitments'))][Number(action[1])];
      if (code) return `action.${code}.${action[2]}`;
      return plain.startsWith('commitments') ? 'commitments' : undefined;
    }
    case 'report': {
      // An action update's field is named by its action, in the order the form sent them.
      const update = /^actionUpdates\[(\d+)\]/.exec(path);
      if (update) return actionUpdateNames(body)[Number(update[1])];
      return plain;
    }
    case 'add-commitment':
      return plain.startsWith('actions.') ? plain.slice('actions.'.length) : plain;
    default:
      return plain;
  }
}

/** The report form's action updates that were set, by field name, in the order sent. */
const actionUpdateNames = (body: unknown) =>
  Object.keys(body as object).filter(
    (name) => name.startsWith('update.') && field(body, name) !== '',
  );

export interface WorkspaceOutcome {
  readonly outcome: Outcome;
  readonly revision: number;
}

const actionOf = (body: unknown, code: string) => ({
  description: field(body, `action.${code}.description`),
  status: field(body, `action.${code}.status`),
  targetDate: field(body, `action.${code}.targetDate`),
});

/**
 * Turns a workspace form into the API's body for the same command, checks it with the API's DTO, and
 * sends it through the command bus: same rules, same errors, same events.
 */
export async function runWorkspaceForm(
  commands: PageCommands,
  request: FastifyRequest,
  organisationId: string,
  pledge: ActivePledge | undefined,
): Promise<WorkspaceOutcome> {
  const body = request.body;
  const intent = field(body, 'intent');
  const live = pledge && pledge.status !== 'withdrawn' ? pledge : undefined;
  const needPledge = () => {
    if (!live) throw pageRefusal(400, 'Your organisation has no pledge to act on', 'no-pledge');
    return live.pledgeId;
  };
  switch (intent) {
    case 'sign': {
      const dto = await validated(SignPledgeDto, {
        signatory: {
          name: field(body, 'signatoryName'),
          position: field(body, 'signatoryPosition'),
        },
        commitments: [...new Set(fields(body, 'commitments'))].map((code) => ({
          code,
          actions: [actionOf(body, code)],
        })),
      });
      const result = await commands.submit<CommandResult>(
        request,
        (context: CommandContext) =>
          new SignPledgeCommand(organisationId, dto.signatory, dto.commitments, context),
      );
      return { outcome: 'pledgeSigned', revision: result.revision };
    }
    case 'report': {
      const pledgeId = needPledge();
      const actionUpdates = actionUpdateNames(body).map((name) => ({
        actionId: name.slice('update.'.length),
        status: field(body, name),
      }));
      const evidenceUrls = field(body, 'evidenceUrls').split(/\s+/).filter(Boolean);
      const dto = await validated(ReportMilestoneDto, {
        commitmentCode: field(body, 'commitmentCode'),
        summary: field(body, 'summary'),
        actionUpdates,
        evidenceUrls,
      });
      const report = {
        commitmentCode: dto.commitmentCode,
        summary: dto.summary,
        actionUpdates: dto.actionUpdates ?? [],
        evidenceUrls: dto.evidenceUrls ?? [],
      };
      const result = await commands.submit<CommandResult>(
        request,
        (context: CommandContext) => new ReportMilestoneCommand(pledgeId, report, context),
      );
      return { outcome: 'milestoneReported', revision: result.revision };
    }
    case 'add-commitment': {
      const pledgeId = needPledge();
      const dto = await validated(CommitmentDto, {
        code: field(body, 'code'),
        actions: [
          {
            description: field(body, 'description'),
            status: field(body, 'status'),
            targetDate: field(body, 'targetDate'),
          },
        ],
      });
      const result = await commands.submit<CommandResult>(
        request,
        (context: CommandContext) => new AddCommitmentCommand(pledgeId, dto, context),
      );
      return { outcome: 'commitmentAdded', revision: result.revision };
    }
    case 'share-practice': {
      const tags = field(body, 'tags')
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean);
      const dto = await validated(PracticeDto, {
        title: field(body, 'title'),
        summary: field(body, 'summary'),
        body: field(body, 'body'),
        category: field(body, 'category'),
        implementationLevel: field(body, 'implementationLevel'),
        tags: [...new Set(tags)],
        publicationConsent: field(body, 'publicationConsent') === 'yes',
        language: field(body, 'language'),
      });
      const result = await commands.submit<CommandResult>(
        request,
        (context: CommandContext) => new SharePracticeCommand(organisationId, dto, context),
      );
      return { outcome: 'practiceShared', revision: result.revision };
    }
    case 'withdraw': {
      const pledgeId = needPledge();
      if (field(body, 'confirm') !== 'yes')
        throw pageRefusal(
          400,
          'Tick the confirmation to withdraw the pledge',
          'withdraw-unconfirmed',
          [{ field: 'confirm', message: 'must be ticked', code: 'confirm' }],
        );
      const dto = await validated(WithdrawPledgeDto, { reason: field(body, 'reason') });
      const result = await commands.submit<CommandResult>(
        request,
        (context: CommandContext) =>
          new ActOnPledgeCommand(
            pledgeId,
            {
              type: 'WithdrawPledge',
              data: { reason: dto.reason, withdrawnAt: context.now.toISOString() },
            },
            context,
          ),
      );
      return { outcome: 'pledgeWithdrawn', revision: result.revision };
    }
    default:
      throw pageRefusal(400, 'Unknown form', 'form-unknown');
  }
}

import {
  conditionedOn,
  load,
  type CommandContext,
  written,
  type CommandResult,
} from '@pact/application';
import { NotFoundError, organisationDecider, organisationStream, rolesOf } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actOnPledge } from './act-on-pledge';
import { PledgeStates } from './pledge-states';
import type { CommitmentInput } from '../inputs';
import { withActionIds } from './pledge-ids';

export class AddCommitmentCommand extends Command<CommandResult> {
  constructor(
    readonly pledgeId: string,
    readonly commitment: CommitmentInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AddCommitmentCommand)
export class AddCommitmentHandler implements ICommandHandler<AddCommitmentCommand, CommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly states: PledgeStates,
  ) {}

  async execute({ pledgeId, commitment, context }: AddCommitmentCommand): Promise<CommandResult> {
    const organisationId = context.actor.organisationId ?? '';
    const stream = organisationStream(organisationId);
    const organisation = await load(this.store, organisationDecider, stream);
    if (organisation.state.status === 'none')
      throw new NotFoundError('Pledge not found', 'pledge-not-found');
    const added = withActionIds(context.commandId, commitment);
    // Decided on the organisation's roles as read: a role change in between reads them again.
    const command = conditionedOn(
      this.store,
      organisationDecider,
      stream,
      (state) => ({
        type: 'AddCommitment' as const,
        data: {
          organisationRoles: rolesOf(state),
          commitment: added,
          addedAt: context.now.toISOString(),
        },
      }),
      organisation,
    );
    return written(await actOnPledge(this.store, this.states, pledgeId, command, context));
  }
}

import { load, type CommandContext } from '@pact/application';
import { NotFoundError, organisationDecider, organisationStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { written, type CommandResponse } from '../../http/command-response';
import { actOnPledge } from '../act-on-pledge';
import type { CommitmentDto } from '../pledge.dto';
import { withActionIds } from '../pledge-ids';

export class AddCommitmentCommand {
  constructor(
    readonly pledgeId: string,
    readonly commitment: CommitmentDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AddCommitmentCommand)
export class AddCommitmentHandler implements ICommandHandler<
  AddCommitmentCommand,
  CommandResponse
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ pledgeId, commitment, context }: AddCommitmentCommand): Promise<CommandResponse> {
    const organisationId = context.actor.organisationId ?? '';
    const organisation = await load(
      this.store,
      organisationDecider,
      organisationStream(organisationId),
    );
    if (organisation.state.status === 'none') throw new NotFoundError('Pledge not found');
    const result = await actOnPledge(
      this.store,
      pledgeId,
      {
        type: 'AddCommitment',
        data: {
          organisationRoles: organisation.state.roles,
          commitment: withActionIds(context.commandId, commitment),
          addedAt: context.now.toISOString(),
        },
      },
      context,
    );
    return written(result);
  }
}

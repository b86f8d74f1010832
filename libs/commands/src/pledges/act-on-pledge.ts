import {
  handle,
  type CommandContext,
  type Conditioned,
  type HandleResult,
  written,
  type CommandResult,
} from '@pact/application';
import {
  pledgeDecider,
  pledgeStream,
  type PledgeCommand,
  type PledgeEvent,
  type PledgeState,
} from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { mustExistAndBeVisibleTo } from '../ownership';
import { PledgeStates } from './pledge-states';

type OnPledge = Exclude<PledgeCommand, { type: 'SignPledge' }>;

/**
 * Runs a command on an existing pledge the caller may see (participants: their own only); a command
 * read from another stream as well comes with its conditions.
 */
export function actOnPledge(
  store: EventStore,
  states: PledgeStates,
  pledgeId: string,
  command: OnPledge | (() => Promise<Conditioned<OnPledge>>),
  context: CommandContext,
): Promise<HandleResult<PledgeEvent, PledgeState>> {
  return handle(store, pledgeDecider, pledgeStream(pledgeId), command, context, {
    authorize: mustExistAndBeVisibleTo(context.actor, 'Pledge'),
    states,
  });
}

/** A pledge command that needs nothing but the pledge itself (review, publish, withdraw). */
export class ActOnPledgeCommand extends Command<CommandResult> {
  constructor(
    readonly pledgeId: string,
    readonly command: Extract<
      PledgeCommand,
      { type: 'ReviewMilestone' | 'PublishPledge' | 'WithdrawPledge' }
    >,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ActOnPledgeCommand)
export class ActOnPledgeHandler implements ICommandHandler<ActOnPledgeCommand, CommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly states: PledgeStates,
  ) {}

  async execute({ pledgeId, command, context }: ActOnPledgeCommand): Promise<CommandResult> {
    return written(await actOnPledge(this.store, this.states, pledgeId, command, context));
  }
}

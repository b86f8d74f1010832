import { handle, type CommandContext, written, type CommandResult } from '@pact/application';
import { practiceDecider, practiceStream, type PracticeCommand } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { mustExistAndBeVisibleTo } from '../ownership';

/** A command on an existing practice the caller may see (participants: their own only). */
export class ActOnPracticeCommand extends Command<CommandResult> {
  constructor(
    readonly practiceId: string,
    readonly command: Exclude<PracticeCommand, { type: 'SharePractice' }>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ActOnPracticeCommand)
export class ActOnPracticeHandler implements ICommandHandler<ActOnPracticeCommand, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ practiceId, command, context }: ActOnPracticeCommand): Promise<CommandResult> {
    const result = await handle(
      this.store,
      practiceDecider,
      practiceStream(practiceId),
      command,
      context,
      {
        authorize: mustExistAndBeVisibleTo(context.actor, 'Practice'),
      },
    );
    return written(result);
  }
}

import { handle, type CommandContext } from '@pact/application';
import { practiceDecider, practiceStream, type PracticeCommand } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { mustExistAndBeVisibleTo } from '../auth/ownership';
import { written, type CommandResponse } from '../http/command-response';

/** A command on an existing practice the caller may see (participants: their own only). */
export class ActOnPracticeCommand {
  constructor(
    readonly practiceId: string,
    readonly command: Exclude<PracticeCommand, { type: 'SharePractice' }>,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ActOnPracticeCommand)
export class ActOnPracticeHandler implements ICommandHandler<
  ActOnPracticeCommand,
  CommandResponse
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ practiceId, command, context }: ActOnPracticeCommand): Promise<CommandResponse> {
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

import {
  deriveId,
  handle,
  type CommandContext,
  written,
  type CommandResult,
} from '@pact/application';
import { practiceDecider, practiceStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PracticeInput } from '../inputs';

export class SharePracticeCommand extends Command<SharePracticeResult> {
  constructor(
    readonly organisationId: string,
    readonly practice: PracticeInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type SharePracticeResult = CommandResult & { practiceId: string };

@CommandHandler(SharePracticeCommand)
export class SharePracticeHandler implements ICommandHandler<
  SharePracticeCommand,
  SharePracticeResult
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({
    organisationId,
    practice,
    context,
  }: SharePracticeCommand): Promise<SharePracticeResult> {
    const practiceId = deriveId(context.commandId, 'practice');
    const {
      title,
      summary,
      body,
      category,
      implementationLevel,
      tags,
      publicationConsent,
      language,
    } = practice;
    const result = await handle(
      this.store,
      practiceDecider,
      practiceStream(practiceId),
      {
        type: 'SharePractice',
        data: {
          practiceId,
          organisationId,
          title,
          summary,
          body,
          category,
          implementationLevel,
          tags: tags ?? [],
          language: language ?? 'en',
          publicationConsent,
          sharedAt: context.now.toISOString(),
        },
      },
      context,
    );
    return { practiceId, ...written(result) };
  }
}

import { deriveId, handle, type CommandContext } from '@pact/application';
import { practiceDecider, practiceStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { written, type CommandResponse } from '../../http/command-response';
import type { PracticeDto } from '../practice.dto';

export class SharePracticeCommand {
  constructor(
    readonly organisationId: string,
    readonly practice: PracticeDto,
    readonly context: CommandContext,
  ) {}
}

export type SharePracticeResult = CommandResponse & { practiceId: string };

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

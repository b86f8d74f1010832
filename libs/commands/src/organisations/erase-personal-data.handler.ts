import { handle, written, type CommandContext, type CommandResult } from '@pact/application';
import { NotFoundError, organisationDecider, organisationStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { PersonalDataVault } from '@pact/infrastructure';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

export class ErasePersonalDataCommand extends Command<CommandResult> {
  constructor(
    readonly organisationId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * GDPR art. 17: destroys the organisation's personal-data key, so its contact data reads as erased
 * in history, views and exports alike, and records that it was erased. The events stay as they
 * were, so every hash chain still verifies. The key goes first: should recording fail, a retry
 * records it, and the data is already unreadable.
 */
@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<
  ErasePersonalDataCommand,
  CommandResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ organisationId, context }: ErasePersonalDataCommand): Promise<CommandResult> {
    const [registered] = await this.store.readStream(organisationStream(organisationId), {
      maxCount: 1,
    });
    if (!registered) throw new NotFoundError('Organisation not found', 'organisation-not-found');
    await this.vault.erase(organisationId);
    const result = await handle(
      this.store,
      organisationDecider,
      organisationStream(organisationId),
      { type: 'EraseOrganisationPersonalData', data: { erasedAt: context.now.toISOString() } },
      context,
    );
    return written(result);
  }
}

import type { CommandContext } from '@pact/application';
import { NotFoundError } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { ApiKeyStore, revokeRecordedKey } from '@pact/infrastructure';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

export class RevokeApiKeyCommand extends Command<void> {
  constructor(
    readonly keyId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A revoked key is refused from then on, and the revocation is recorded. Revoking twice is harmless. */
@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand, void> {
  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ keyId, context }: RevokeApiKeyCommand): Promise<void> {
    if (!(await revokeRecordedKey(this.keys, this.store, keyId, context)))
      throw new NotFoundError('API key not found', 'key-not-found');
  }
}

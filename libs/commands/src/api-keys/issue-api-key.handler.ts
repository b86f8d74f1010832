import { load, type CommandContext } from '@pact/application';
import {
  InvalidCommandError,
  organisationDecider,
  organisationStream,
  parseIsoDateOrInstant,
} from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import {
  ApiKeyStore,
  apiKeyView,
  issueRecordedKey,
  type ApiKeyView,
  type ApiRole,
} from '@pact/infrastructure';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

/** A key as issued, with the key itself: the only time its secret is shown. */
export interface IssuedApiKey extends ApiKeyView {
  readonly key: string;
  readonly revision: number;
  readonly position: string;
}

export class IssueApiKeyCommand extends Command<IssuedApiKey> {
  constructor(
    readonly key: {
      readonly role: ApiRole;
      readonly label: string;
      readonly organisationId?: string;
      /** After this ISO instant (a date: its start, UTC) the key is refused (401). */
      readonly expiresAt?: string;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Issues a key, recorded as an event: a participant key is bound to a registered organisation, and
 * only it. The store keeps a hash of the key. (The API and the admin page send this command.)
 */
@CommandHandler(IssueApiKeyCommand)
export class IssueApiKeyHandler implements ICommandHandler<IssueApiKeyCommand, IssuedApiKey> {
  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ key: wanted, context }: IssueApiKeyCommand): Promise<IssuedApiKey> {
    const { role, organisationId, label } = wanted;
    if (role === 'participant') {
      if (organisationId === undefined)
        throw new InvalidCommandError(
          'A participant key is bound to an organisation',
          'key-organisation-required',
          [
            {
              field: 'organisationId',
              message: 'is required for a participant key',
              code: 'organisation-required',
            },
          ],
        );
      const organisation = await load(
        this.store,
        organisationDecider,
        organisationStream(organisationId),
      );
      if (organisation.state.status === 'none')
        throw new InvalidCommandError('Unknown organisation', 'organisation-unknown', [
          {
            field: 'organisationId',
            message: 'no such organisation',
            code: 'organisation-unknown',
          },
        ]);
    } else if (organisationId !== undefined) {
      throw new InvalidCommandError(
        'Only participant keys are bound to an organisation',
        'key-organisation-forbidden',
        [
          {
            field: 'organisationId',
            message: `must be absent for the role ${role}`,
            code: 'organisation-forbidden',
          },
        ],
      );
    }
    // An expiry in the past is the key decider's to refuse (400).
    const expiresAt = wanted.expiresAt === undefined ? undefined : expiryOf(wanted.expiresAt);
    const { record, key, revision, position } = await issueRecordedKey(
      this.keys,
      this.store,
      {
        role,
        label,
        ...(organisationId ? { organisationId } : {}),
        ...(expiresAt ? { expiresAt } : {}),
      },
      context,
    );
    return { ...apiKeyView(record), key, revision, position: String(position) };
  }
}

/** The expiry as an ISO instant; one that is not a date or instant is refused (400), not a 500. */
function expiryOf(value: string): string {
  const instant = parseIsoDateOrInstant(value);
  if (!instant)
    throw new InvalidCommandError(
      'The expiry is not an ISO date or instant',
      'key-expiry-invalid',
      [{ field: 'expiresAt', message: 'must be an ISO date or instant', code: 'date' }],
    );
  return instant.toISOString();
}

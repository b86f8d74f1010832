import { recordKeyIssued } from '@pact/application';
import { apiKeyDecider, apiKeyStream, NotFoundError } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { API_ROLES, ApiKeyStore, type ApiRole } from '@pact/infrastructure';
import { handle } from '@pact/application';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { cliContext, print } from './cli-context';

interface CreateOptions {
  role: ApiRole;
  label: string;
  organisation?: string;
  expires?: string;
}

@Command({
  name: 'keys:create',
  description: 'issue an API key (shown once) and record its issuance',
})
export class KeysCreateCommand extends CommandRunner {
  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  async run(_args: string[], options: CreateOptions): Promise<void> {
    if (!API_ROLES.includes(options.role))
      throw new Error(`--role must be one of ${API_ROLES.join(', ')}`);
    if ((options.role === 'participant') !== (options.organisation !== undefined))
      throw new Error('--organisation is required for a participant key, and only for one');
    const context = cliContext();
    const expiresAt = options.expires ? new Date(options.expires) : undefined;
    if (expiresAt && !(expiresAt.getTime() > context.now.getTime()))
      throw new Error('--expires must be an instant in the future');
    const { record, key } = await this.keys.issue(
      {
        role: options.role,
        label: options.label,
        ...(options.organisation ? { organisationId: options.organisation } : {}),
        ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
      },
      context.now,
    );
    try {
      await recordKeyIssued(this.store, record, context);
    } catch (error) {
      await this.keys.discard(record.id);
      throw error;
    }
    print({ id: record.id, key, role: record.role, expiresAt: record.expiresAt ?? null });
  }

  @Option({
    flags: '--role <role>',
    description: 'admin, reviewer, analyst or participant',
    required: true,
  })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--label <label>', description: 'what the key is for', required: true })
  parseLabel(value: string): string {
    return value;
  }

  @Option({ flags: '--organisation <id>', description: 'the organisation of a participant key' })
  parseOrganisation(value: string): string {
    return value;
  }

  @Option({
    flags: '--expires <instant>',
    description: 'ISO 8601 instant after which it is refused',
  })
  parseExpires(value: string): string {
    return value;
  }
}

@Command({
  name: 'keys:revoke',
  arguments: '<id>',
  description: 'revoke an API key (401 from then on)',
})
export class KeysRevokeCommand extends CommandRunner {
  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  async run([id]: string[]): Promise<void> {
    const context = cliContext();
    if (!(await this.keys.revoke(id!, context.now))) throw new Error(`No API key ${id}`);
    try {
      await handle(
        this.store,
        apiKeyDecider,
        apiKeyStream(id!),
        { type: 'RevokeApiKey', data: { revokedAt: context.now.toISOString() } },
        context,
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    print({ id, revokedAt: context.now.toISOString() });
  }
}

import { IssueApiKeyCommand, RevokeApiKeyCommand } from '@pact/commands';
import { parseIsoDateOrInstant } from '@pact/domain';
import { API_ROLES, type ApiRole } from '@pact/infrastructure';
import { CommandBus } from '@nestjs/cqrs';
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
  constructor(private readonly commands: CommandBus) {
    super();
  }

  async run(_args: string[], options: CreateOptions): Promise<void> {
    if (!API_ROLES.includes(options.role))
      throw new Error(`--role must be one of ${API_ROLES.join(', ')}`);
    if ((options.role === 'participant') !== (options.organisation !== undefined))
      throw new Error('--organisation is required for a participant key, and only for one');
    if (options.label.trim() === '') throw new Error('--label must not be blank');
    if (options.expires !== undefined && !parseIsoDateOrInstant(options.expires))
      throw new Error(
        '--expires must be an ISO 8601 date or instant, such as 2027-01-31T00:00:00Z',
      );
    // The same command and handler as POST /v1/api-keys.
    const issued = await this.commands.execute(
      new IssueApiKeyCommand(
        {
          role: options.role,
          label: options.label,
          ...(options.organisation ? { organisationId: options.organisation } : {}),
          ...(options.expires ? { expiresAt: options.expires } : {}),
        },
        cliContext(),
      ),
    );
    print({ id: issued.id, key: issued.key, role: issued.role, expiresAt: issued.expiresAt });
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
    flags: '--expires <when>',
    description: 'ISO 8601 date or instant (UTC without an offset) after which it is refused',
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
  constructor(private readonly commands: CommandBus) {
    super();
  }

  async run([id]: string[]): Promise<void> {
    const context = cliContext();
    await this.commands.execute(new RevokeApiKeyCommand(id!, context));
    print({ id, revokedAt: context.now.toISOString() });
  }
}

import {
  APP_CONFIG,
  deriveId,
  handle,
  type AppConfig,
  type OpenCommandContext,
  recordKeyIssued,
} from '@pact/application';
import { organisationDecider, organisationStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { ApiKeyStore, OwnPorts, WebhookSecretStore } from '@pact/infrastructure';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OrganisationProfileInput } from '../inputs';
import { checkWebhookUrl } from './webhook-url';

export class RegisterOrganisationCommand extends Command<RegisterOrganisationResult> {
  constructor(
    readonly profile: OrganisationProfileInput,
    /** Without an actor the registration acts as the participant key it issues. */
    readonly context: OpenCommandContext,
  ) {
    super();
  }
}

export interface RegisterOrganisationResult {
  organisationId: string;
  apiKey: string;
  webhookSecret: string;
  revision: number;
  position: string;
}

@CommandHandler(RegisterOrganisationCommand)
export class RegisterOrganisationHandler implements ICommandHandler<
  RegisterOrganisationCommand,
  RegisterOrganisationResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ownPorts: OwnPorts,
    private readonly keys: ApiKeyStore,
    private readonly webhookSecrets: WebhookSecretStore,
  ) {}

  async execute({
    profile,
    context,
  }: RegisterOrganisationCommand): Promise<RegisterOrganisationResult> {
    await checkWebhookUrl(profile.webhookUrl, {
      allowInsecure: this.config.webhookAllowInsecure,
      ownPorts: this.ownPorts,
    });
    const organisationId = deriveId(context.commandId, 'organisation');
    const issued = await this.keys.issue(
      { role: 'participant', organisationId, label: 'registration' },
      context.now,
    );
    const actor = context.actor ?? {
      keyId: issued.record.id,
      role: 'participant' as const,
      organisationId,
    };
    try {
      const { contact, webhookUrl, ...rest } = profile;
      const result = await handle(
        this.store,
        organisationDecider,
        organisationStream(organisationId),
        {
          type: 'RegisterOrganisation',
          data: {
            organisationId,
            ...rest,
            contact: { name: contact.name, email: contact.email },
            ...(webhookUrl === undefined || webhookUrl === null ? {} : { webhookUrl }),
            registeredAt: context.now.toISOString(),
          },
        },
        { ...context, actor },
      );
      await recordKeyIssued(this.store, issued.record, { ...context, actor });
      const webhookSecret = await this.webhookSecrets.create(organisationId);
      return {
        organisationId,
        apiKey: issued.key,
        webhookSecret,
        revision: result.revision,
        position: String(result.position),
      };
    } catch (error) {
      await this.keys.discard(issued.record.id);
      throw error;
    }
  }
}

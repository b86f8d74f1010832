import {
  APP_CONFIG,
  currentPledge,
  handle,
  type AppConfig,
  type CommandContext,
  written,
  type CommandResult,
} from '@pact/application';
import {
  commitmentCatalogue,
  organisationDecider,
  organisationStream,
  rolesNeeded,
  type OrganisationChanges,
  type Role,
} from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { OwnPorts } from '@pact/infrastructure';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { mustExistAndBeVisibleTo } from '../ownership';
import { checkWebhookUrl } from './webhook-url';

export class ChangeOrganisationDetailsCommand extends Command<CommandResult> {
  constructor(
    readonly organisationId: string,
    readonly changes: OrganisationChanges,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeOrganisationDetailsCommand)
export class ChangeOrganisationDetailsHandler implements ICommandHandler<
  ChangeOrganisationDetailsCommand,
  CommandResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ownPorts: OwnPorts,
  ) {}

  async execute({
    organisationId,
    changes,
    context,
  }: ChangeOrganisationDetailsCommand): Promise<CommandResult> {
    await checkWebhookUrl(changes.webhookUrl ?? undefined, {
      allowInsecure: this.config.webhookAllowInsecure,
      ownPorts: this.ownPorts,
    });
    const result = await handle(
      this.store,
      organisationDecider,
      organisationStream(organisationId),
      {
        type: 'ChangeOrganisationDetails',
        data: {
          changes,
          changedAt: context.now.toISOString(),
          pledgeRoles: changes.roles ? await this.pledgeRoles(organisationId) : [],
        },
      },
      context,
      { authorize: mustExistAndBeVisibleTo(context.actor, 'Organisation') },
    );
    return written(result);
  }

  /** The roles the organisation's live pledge holds commitments of (none without one). */
  private async pledgeRoles(organisationId: string): Promise<Role[]> {
    const current = await currentPledge(this.store, organisationId);
    if (!current || current.pledge.status === 'withdrawn') return [];
    return rolesNeeded(current.pledge.commitments, commitmentCatalogue);
  }
}

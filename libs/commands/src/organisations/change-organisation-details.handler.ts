import {
  APP_CONFIG,
  handle,
  livePledge,
  type Conditioned,
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
  type OrganisationCommand,
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
    const command = (pledgeRoles: readonly Role[]): OrganisationCommand => ({
      type: 'ChangeOrganisationDetails',
      data: { changes, changedAt: context.now.toISOString(), pledgeRoles },
    });
    const result = await handle(
      this.store,
      organisationDecider,
      organisationStream(organisationId),
      // New roles are decided on the live pledge's commitments as read: a commitment added or a
      // pledge signed in between reads them again.
      changes.roles ? () => this.onLivePledge(organisationId, command) : command([]),
      context,
      { authorize: mustExistAndBeVisibleTo(context.actor, 'Organisation') },
    );
    return written(result);
  }

  /** The command on the roles the organisation's live pledge holds commitments of (none without one). */
  private async onLivePledge(
    organisationId: string,
    command: (pledgeRoles: readonly Role[]) => OrganisationCommand,
  ): Promise<Conditioned<OrganisationCommand>> {
    const { pledge, conditions } = await livePledge(this.store, organisationId);
    const roles = pledge ? rolesNeeded(pledge.commitments, commitmentCatalogue) : [];
    return { command: command(roles), conditions };
  }
}

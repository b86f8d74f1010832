import {
  APP_CONFIG,
  conditionedOn,
  handle,
  load,
  MAX_PLEDGE_SLOTS,
  pledgeIdForSlot,
  written,
  type AppConfig,
  type CommandContext,
  type CommandResult,
} from '@pact/application';
import {
  ConflictError,
  NotFoundError,
  organisationDecider,
  organisationStream,
  pledgeDecider,
  pledgeStream,
  rolesOf,
  type OrganisationState,
  type PledgeCommand,
  type Signatory,
} from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommitmentInput } from '../inputs';
import { withActionIds } from './pledge-ids';
import { PledgeStates } from './pledge-states';

export class SignPledgeCommand extends Command<SignPledgeResult> {
  constructor(
    readonly organisationId: string,
    readonly signatory: Signatory,
    readonly commitments: readonly CommitmentInput[],
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type SignPledgeResult = CommandResult & { pledgeId: string };

@CommandHandler(SignPledgeCommand)
export class SignPledgeHandler implements ICommandHandler<SignPledgeCommand, SignPledgeResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly states: PledgeStates,
  ) {}

  async execute({
    organisationId,
    signatory,
    commitments,
    context,
  }: SignPledgeCommand): Promise<SignPledgeResult> {
    const closesAt = this.config.signingClosesAt;
    if (closesAt && context.now >= closesAt)
      throw new ConflictError(
        `Signing closed at ${closesAt.toISOString()}: the AI Pact takes no new pledges`,
        'signing-closed',
      );
    const stream = organisationStream(organisationId);
    const organisation = await load(this.store, organisationDecider, stream);
    if (organisation.state.status === 'none')
      throw new NotFoundError('Organisation not found', 'organisation-not-found');
    // The same signature whichever slot it lands in: its commitments and action ids are derived once.
    const signed = {
      organisationId,
      signatory: { name: signatory.name, position: signatory.position },
      commitments: commitments.map((c) => withActionIds(context.commandId, c)),
      signedAt: context.now.toISOString(),
    };
    const signature = (pledgeId: string, organisation: OrganisationState): PledgeCommand => ({
      type: 'SignPledge',
      data: { pledgeId, organisationRoles: rolesOf(organisation), ...signed },
    });
    // A signature that breaks the pledge's rules is a 400 whatever the organisation holds already:
    // the decider judges its content on a pledge not yet signed before any slot is looked at.
    pledgeDecider.decide(
      signature(pledgeIdForSlot(organisationId, 0), organisation.state),
      pledgeDecider.initialState(),
    );

    for (let slot = 0; slot < MAX_PLEDGE_SLOTS; slot++) {
      const pledgeId = pledgeIdForSlot(organisationId, slot);
      const signing = handle(
        this.store,
        pledgeDecider,
        pledgeStream(pledgeId),
        // Decided on the organisation's roles as read: a role change in between reads them again.
        conditionedOn(
          this.store,
          organisationDecider,
          stream,
          (state) => signature(pledgeId, state),
          organisation,
        ),
        context,
        {
          // A withdrawn pledge frees the next slot; a live one (perhaps a concurrent signature) refuses.
          authorize: (current) => {
            if (current.status === 'withdrawn') throw new SlotWithdrawn();
            if (current.status !== 'none')
              throw new ConflictError(
                `The organisation already has pledge ${pledgeId}`,
                'pledge-exists',
              );
          },
          states: this.states,
        },
      );
      const result = await signing.catch((error: unknown) => {
        if (error instanceof SlotWithdrawn) return undefined;
        throw error;
      });
      if (!result) continue;
      return { pledgeId, ...written(result) };
    }
    throw new ConflictError(
      'The organisation has withdrawn too many pledges to sign another',
      'withdrawals-exceeded',
    );
  }
}

/** The slot holds a withdrawn pledge: try the next one. */
class SlotWithdrawn extends Error {}

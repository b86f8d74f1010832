import { assertNever, type Decider, type DomainCommand } from '../shared/decider';
import { ConflictError, InvalidCommandError, NotFoundError } from '../shared/errors';
import {
  ERASED_CONTACT,
  type OrganisationChanges,
  type OrganisationEvent,
  type OrganisationProfile,
} from './organisation.events';
import { validateProfile } from './organisation.rules';
import type { Role } from '../shared/values';

export type RegisterOrganisation = DomainCommand<
  'RegisterOrganisation',
  OrganisationProfile & { readonly organisationId: string; readonly registeredAt: string }
>;

export type ChangeOrganisationDetails = DomainCommand<
  'ChangeOrganisationDetails',
  {
    readonly changes: OrganisationChanges;
    readonly changedAt: string;
    /**
     * The roles its live pledge's commitments belong to (`rolesNeeded`), when it has one: a role
     * its pledge holds commitments of cannot be dropped.
     */
    readonly pledgeRoles?: readonly Role[];
  }
>;

export type EraseOrganisationPersonalData = DomainCommand<
  'EraseOrganisationPersonalData',
  { readonly erasedAt: string }
>;

export type OrganisationCommand =
  RegisterOrganisation | ChangeOrganisationDetails | EraseOrganisationPersonalData;

export type OrganisationState =
  | { readonly status: 'none' }
  | (OrganisationProfile & {
      readonly status: 'registered';
      readonly organisationId: string;
      readonly registeredAt: string;
      /** Set by an erasure, cleared when a new contact is given. */
      readonly personalDataErasedAt?: string;
    });

/** The roles an organisation holds (none before it registers). */
export function rolesOf(state: OrganisationState): readonly Role[] {
  return state.status === 'none' ? [] : state.roles;
}

export const organisationDecider: Decider<
  OrganisationCommand,
  OrganisationEvent,
  OrganisationState
> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterOrganisation': {
        if (state.status !== 'none')
          throw new ConflictError('Organisation is already registered', 'organisation-registered');
        validateProfile(command.data);
        return [{ type: 'OrganisationRegistered', data: command.data }];
      }
      case 'ChangeOrganisationDetails': {
        if (state.status === 'none')
          throw new NotFoundError('Organisation not found', 'organisation-not-found');
        if (Object.values(command.data.changes).every((value) => value === undefined))
          throw new InvalidCommandError(
            'Name at least one field to change',
            'organisation-no-change',
          );
        const changed = changedFields(state, command.data.changes);
        // The details are already as asked (a retried request, say): nothing to record.
        if (Object.keys(changed).length === 0) return [];
        validateProfile(applyChanges(state, changed));
        if (changed.roles) keepsPledgeRoles(changed.roles, command.data.pledgeRoles ?? []);
        return [
          {
            type: 'OrganisationDetailsChanged',
            data: {
              organisationId: state.organisationId,
              ...changed,
              changedAt: command.data.changedAt,
            },
          },
        ];
      }
      case 'EraseOrganisationPersonalData':
        if (state.status === 'none')
          throw new NotFoundError('Organisation not found', 'organisation-not-found');
        if (state.personalDataErasedAt !== undefined) return [];
        return [
          {
            type: 'OrganisationPersonalDataErased',
            data: { organisationId: state.organisationId, erasedAt: command.data.erasedAt },
          },
        ];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return { status: 'registered', ...event.data };
      case 'OrganisationDetailsChanged': {
        if (state.status === 'none') return state;
        const { organisationId: _id, changedAt: _at, ...changes } = event.data;
        if (changes.contact === undefined) return applyChanges(state, changes);
        const { personalDataErasedAt: _erased, ...rest } = state;
        return applyChanges(rest, changes);
      }
      case 'OrganisationPersonalDataErased':
        return state.status === 'none'
          ? state
          : { ...state, contact: ERASED_CONTACT, personalDataErasedAt: event.data.erasedAt };
      default:
        return assertNever(event);
    }
  },
};

/**
 * A profile (or a read model's copy of one) with the changes made: new values set, a webhook given
 * as null removed.
 */
export function applyChanges<T extends { readonly webhookUrl?: string }>(
  profile: T,
  changes: OrganisationChanges,
): T {
  const { webhookUrl, ...values } = changes;
  if (webhookUrl === null) {
    const { webhookUrl: _removed, ...rest } = profile;
    return { ...rest, ...values } as T;
  }
  return { ...profile, ...values, ...(webhookUrl === undefined ? {} : { webhookUrl }) };
}

function keepsPledgeRoles(roles: readonly Role[], pledgeRoles: readonly Role[]): void {
  const dropped = pledgeRoles.filter((role) => !roles.includes(role));
  if (dropped.length > 0)
    throw new ConflictError(
      `The organisation's pledge holds ${dropped.join(' and ')} commitments, so it stays a ${dropped.join(' and a ')}`,
      'organisation-roles-held',
    );
}

function changedFields(
  current: OrganisationProfile,
  changes: OrganisationChanges,
): OrganisationChanges {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const before = current[key as keyof OrganisationProfile];
    // Removing a webhook there is none of changes nothing.
    if (value === null && before === undefined) continue;
    if (JSON.stringify(before) !== JSON.stringify(value)) result[key] = value;
  }
  return result;
}

import type { DomainEvent } from '../shared/decider';
import type { OrganisationSize, Role } from '../shared/values';

export interface Contact {
  readonly name: string;
  readonly email: string;
}

export interface OrganisationProfile {
  readonly name: string;
  readonly country: string;
  readonly sector: string;
  readonly size: OrganisationSize;
  readonly roles: readonly Role[];
  readonly contact: Contact;
  readonly webhookUrl?: string;
}

export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  OrganisationProfile & { readonly organisationId: string; readonly registeredAt: string }
>;

/**
 * Changes to a profile: new values, and for the one field that may be removed (the webhook), null.
 * The organisation's prompts then go to its inbox only.
 */
export type OrganisationChanges = Partial<Omit<OrganisationProfile, 'webhookUrl'>> & {
  readonly webhookUrl?: string | null;
};

/** Carries only the fields that changed. */
export type OrganisationDetailsChanged = DomainEvent<
  'OrganisationDetailsChanged',
  OrganisationChanges & { readonly organisationId: string; readonly changedAt: string }
>;

/** The contact's data was erased (GDPR art. 17): its key destroyed, so it reads as erased everywhere. */
export type OrganisationPersonalDataErased = DomainEvent<
  'OrganisationPersonalDataErased',
  { readonly organisationId: string; readonly erasedAt: string }
>;

export type OrganisationEvent =
  OrganisationRegistered | OrganisationDetailsChanged | OrganisationPersonalDataErased;

/** What erased contact data reads as. */
export const ERASED = '[erased]';
export const ERASED_CONTACT: Contact = { name: ERASED, email: ERASED };

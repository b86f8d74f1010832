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

/** Carries only the fields that changed. */
export type OrganisationDetailsChanged = DomainEvent<
  'OrganisationDetailsChanged',
  Partial<OrganisationProfile> & { readonly organisationId: string; readonly changedAt: string }
>;

export type OrganisationEvent = OrganisationRegistered | OrganisationDetailsChanged;

import type { ActionStatus, ImplementationLevel, OrganisationSize, Role } from '@pact/domain';

/**
 * What the commands take, as plain data: the API's DTOs (checked by class-validator) have these
 * shapes, and so does whatever else sends a command (a page's form, the CLI, the demo seed).
 */
export interface OrganisationProfileInput {
  readonly name: string;
  readonly country: string;
  readonly sector: string;
  readonly size: OrganisationSize;
  readonly roles: readonly Role[];
  readonly contact: { readonly name: string; readonly email: string };
  readonly webhookUrl?: string;
}

export interface ActionInput {
  readonly description: string;
  readonly status: ActionStatus;
  readonly targetDate: string;
}

export interface CommitmentInput {
  readonly code: string;
  readonly actions: readonly ActionInput[];
}

export interface PracticeInput {
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly category: string;
  readonly implementationLevel: ImplementationLevel;
  readonly tags?: readonly string[];
  readonly publicationConsent: boolean;
  readonly language?: string;
}

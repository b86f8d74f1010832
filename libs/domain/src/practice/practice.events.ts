import type { DomainEvent } from '../shared/decider';

export const IMPLEMENTATION_LEVELS = [
  'fully-implemented',
  'partially-rolled-out',
  'planned',
] as const;
export type ImplementationLevel = (typeof IMPLEMENTATION_LEVELS)[number];

export interface PracticeContent {
  readonly title: string;
  readonly summary: string;
  /** Markdown. */
  readonly body: string;
  readonly category: string;
  readonly implementationLevel: ImplementationLevel;
  readonly tags: readonly string[];
  /** ISO 639-1 code of the language the practice is written in (schema v2). */
  readonly language: string;
}

export type PracticeShared = DomainEvent<
  'PracticeShared',
  PracticeContent & {
    readonly practiceId: string;
    readonly organisationId: string;
    readonly publicationConsent: boolean;
    readonly sharedAt: string;
  }
>;
/** Carries only the fields that changed; a revision sends the practice back to review. */
export type PracticeRevised = DomainEvent<
  'PracticeRevised',
  Partial<PracticeContent> & {
    readonly practiceId: string;
    readonly publicationConsent?: boolean;
    readonly revisedAt: string;
  }
>;
export type PracticePublished = DomainEvent<
  'PracticePublished',
  { readonly practiceId: string; readonly publishedAt: string }
>;
export type PracticeRejected = DomainEvent<
  'PracticeRejected',
  { readonly practiceId: string; readonly reason: string; readonly rejectedAt: string }
>;
export type PracticeWithdrawn = DomainEvent<
  'PracticeWithdrawn',
  { readonly practiceId: string; readonly withdrawnAt: string }
>;

export type PracticeEvent =
  PracticeShared | PracticeRevised | PracticePublished | PracticeRejected | PracticeWithdrawn;

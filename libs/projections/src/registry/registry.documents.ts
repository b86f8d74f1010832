import type { OrganisationProfile, OrganisationSize, Role } from '@pact/domain';

/**
 * `organisations`: the profile without its contact. Personal data never enters a read model: the
 * event store keeps it sealed and opens it for the readers allowed to see it, so erasing its key
 * leaves no copy in clear in any read store file, page or log.
 */
export interface OrganisationDocument extends Omit<OrganisationProfile, 'contact'> {
  readonly _id: string;
  readonly organisationId: string;
  readonly registeredAt: string;
  readonly pledgeIds: readonly string[];
  readonly [field: string]: unknown;
}

/** `pledges`: one registry row; organisation fields joined in; due dates precomputed for status at query time. */
export interface PledgeDocument {
  readonly _id: string;
  readonly pledgeId: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly country: string;
  readonly sector: string;
  readonly size: OrganisationSize;
  readonly roles: readonly Role[];
  readonly status: 'signed' | 'published' | 'withdrawn';
  readonly signedAt: string;
  readonly publishedAt?: string;
  readonly withdrawnAt?: string;
  readonly commitments: readonly string[];
  readonly completedCycles: number;
  /** The cycle now being reported: the earliest incomplete one. */
  readonly cycle: number;
  readonly dueAt: string | null;
  readonly dueSoonAt: string | null;
  readonly nonReportingAt: string | null;
  readonly lastReportedAt?: string;
  readonly milestonesReported: number;
  readonly [field: string]: unknown;
}

/** `milestones`: the review queue. */
export interface MilestoneDocument {
  readonly _id: string;
  readonly milestoneId: string;
  readonly pledgeId: string;
  readonly organisationId: string;
  readonly commitmentCode: string;
  readonly cycle: number;
  readonly summary: string;
  readonly reportedAt: string;
  readonly reviewStatus: 'pending' | 'accepted' | 'clarification-requested';
  readonly reviewedAt?: string;
  readonly reviewComment?: string;
  readonly [field: string]: unknown;
}

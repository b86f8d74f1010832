import { reportingPosition, type ActivePledge, type ReportingConfig } from '@pact/domain';

export interface PledgeViewOptions {
  /** Owners, reviewers and admins see the signatory; the public does not. */
  readonly includePersonalData: boolean;
  readonly reporting: ReportingConfig;
  readonly now: Date;
}

/** The pledge as GET /v1/pledges/{id} returns it. */
export function pledgeView(pledge: ActivePledge, revision: number, options: PledgeViewOptions) {
  return {
    pledgeId: pledge.pledgeId,
    organisationId: pledge.organisationId,
    status: pledge.status,
    signedAt: pledge.signedAt,
    ...(pledge.publishedAt ? { publishedAt: pledge.publishedAt } : {}),
    ...(pledge.withdrawnAt
      ? { withdrawnAt: pledge.withdrawnAt, withdrawalReason: pledge.withdrawalReason }
      : {}),
    ...(options.includePersonalData ? { signatory: pledge.signatory } : {}),
    catalogueVersion: pledge.catalogueVersion,
    commitments: pledge.commitments.map((c) => ({
      code: c.code,
      tier: c.tier,
      actions: c.actions,
      milestones: c.milestones.map((m) => ({
        milestoneId: m.milestoneId,
        cycle: m.cycle,
        summary: m.summary,
        actionUpdates: m.actionUpdates,
        evidenceUrls: m.evidenceUrls,
        reportedAt: m.reportedAt,
        ...(m.review ? { review: m.review } : {}),
      })),
    })),
    reporting: reportingPosition(pledge, options.reporting, options.now.toISOString()),
    revision,
  };
}

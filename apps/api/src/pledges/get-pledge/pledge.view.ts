import {
  actionCalendar,
  commitmentAppliesFrom,
  commitmentCatalogue,
  commitmentProvisions,
  reportingPosition,
  type ActivePledge,
  type ReportingConfig,
  type Timeline,
} from '@pact/domain';

export interface PledgeViewOptions {
  /** Owners, reviewers and admins see the signatory; the public does not. */
  readonly includePersonalData: boolean;
  readonly reporting: ReportingConfig;
  readonly now: Date;
  /** The AI Act timeline in force (at the instant viewed): each commitment's provisions are dated by it. */
  readonly timeline: Timeline;
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
    timelineVersion: options.timeline.version,
    commitments: pledge.commitments.map((c) => ({
      code: c.code,
      tier: c.tier,
      provisions: commitmentProvisions(c.code, commitmentCatalogue, options.timeline),
      actions: c.actions.map((action) => ({
        ...action,
        ...actionCalendar(
          action.targetDate,
          commitmentAppliesFrom(c.code, commitmentCatalogue, options.timeline),
        ),
      })),
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

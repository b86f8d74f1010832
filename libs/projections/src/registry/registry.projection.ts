import { toDomainEvent } from '@pact/application';
import {
  applyChanges,
  addDuration,
  durationAsMillis,
  cycleDueAt,
  type OrganisationEvent,
  type PledgeEvent,
  type ReportingConfig,
} from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';
import type { PageTx, Projection, ProjectionTx } from '../projection';
import { FIGURES, FiguresTx, PageFigures } from './registry-figures';
import type { MilestoneDocument, OrganisationDocument, PledgeDocument } from './registry.documents';

const ORGANISATIONS = 'organisations';
const PLEDGES = 'pledges';
const MILESTONES = 'milestones';

/** Organisations, the pledge registry and the milestone review queue. */
export function registryProjection(reporting: ReportingConfig): Projection {
  /** The figures' changes of the page being applied, by its transaction (runners apply pages apart). */
  const pages = new WeakMap<ProjectionTx, PageFigures>();
  return {
    name: 'registry',
    collections: [ORGANISATIONS, PLEDGES, MILESTONES, FIGURES],
    // Equality fields, then the sort: the registry's status filter with each of its two sorts and
    // with each filter a visitor picks (so its page and its count read only what matches); the review
    // queue by status or by pledge, oldest first. A second filter is checked on the walk.
    indexes: [
      { collection: PLEDGES, keys: { status: 1, signedAt: 1 } },
      { collection: PLEDGES, keys: { status: 1, organisationName: 1 } },
      ...(['country', 'sector', 'size', 'roles', 'commitments'] as const).map((field) => ({
        collection: PLEDGES,
        keys: { status: 1 as const, [field]: 1 as const, signedAt: 1 as const },
      })),
      // The instants a reporting status turns at: a status filter reads the range before `now`.
      ...(['dueSoonAt', 'dueAt', 'nonReportingAt'] as const).map((field) => ({
        collection: PLEDGES,
        keys: { status: 1 as const, [field]: 1 as const },
      })),
      { collection: MILESTONES, keys: { reviewStatus: 1, reportedAt: 1 } },
      { collection: MILESTONES, keys: { pledgeId: 1, reportedAt: 1 } },
      { collection: MILESTONES, keys: { reportedAt: 1 } },
      { collection: FIGURES, keys: { kind: 1, month: 1 } },
    ],
    eventTypes: new Set([
      'OrganisationRegistered',
      'OrganisationDetailsChanged',
      'OrganisationPersonalDataErased',
      'PledgeSigned',
      'CommitmentAdded',
      'PledgePublished',
      'MilestoneReported',
      'MilestoneReviewed',
      'ReportingCycleCompleted',
      'PledgeWithdrawn',
    ]),
    async apply(recorded: RecordedEvent, tx: ProjectionTx): Promise<void> {
      const figures = new FiguresTx(tx);
      await applyToRegistry(recorded, figures);
      const changes = await figures.flush();
      let page = pages.get(tx);
      if (!page) {
        page = new PageFigures();
        pages.set(tx, page);
      }
      page.add(recorded.position, changes);
    },
    async finishPage(tx: PageTx): Promise<void> {
      await pages.get(tx)?.write(tx);
      pages.delete(tx);
    },
  };

  async function applyToRegistry(recorded: RecordedEvent, tx: ProjectionTx): Promise<void> {
    const event = toDomainEvent<OrganisationEvent | PledgeEvent>(recorded);
    switch (event.type) {
      case 'OrganisationRegistered': {
        const { contact: _contact, ...profile } = event.data;
        tx.put(ORGANISATIONS, {
          ...profile,
          _id: event.data.organisationId,
          pledgeIds: [],
        } satisfies OrganisationDocument);
        return;
      }
      case 'OrganisationDetailsChanged': {
        const { organisationId, changedAt: _changedAt, contact: _contact, ...changes } = event.data;
        const organisation = await required<OrganisationDocument>(
          tx,
          ORGANISATIONS,
          organisationId,
        );
        const changed = applyChanges(organisation, changes);
        tx.put(ORGANISATIONS, changed);
        for (const pledgeId of organisation.pledgeIds) {
          const pledge = await required<PledgeDocument>(tx, PLEDGES, pledgeId);
          tx.put(PLEDGES, { ...pledge, ...organisationFields(changed) });
        }
        return;
      }
      case 'OrganisationPersonalDataErased': {
        const organisation = await required<OrganisationDocument>(
          tx,
          ORGANISATIONS,
          event.data.organisationId,
        );
        // Documents written before contacts were left out of read models may still hold one.
        const { contact: _contact, ...withoutContact } = organisation as OrganisationDocument & {
          contact?: unknown;
        };
        tx.put(ORGANISATIONS, withoutContact);
        return;
      }
      case 'PledgeSigned': {
        const { pledgeId, organisationId, signedAt, commitments } = event.data;
        const organisation = await required<OrganisationDocument>(
          tx,
          ORGANISATIONS,
          organisationId,
        );
        tx.put(ORGANISATIONS, {
          ...organisation,
          pledgeIds: [...organisation.pledgeIds, pledgeId],
        });
        const pledge: PledgeDocument = {
          _id: pledgeId,
          pledgeId,
          organisationId,
          ...organisationFields(organisation),
          status: 'signed',
          signedAt,
          commitments: commitments.map((c) => c.code),
          completedCycles: 0,
          milestonesReported: 0,
          ...dueDates(signedAt, undefined, 0, reporting),
        };
        tx.put(PLEDGES, pledge);
        return;
      }
      case 'CommitmentAdded':
        await updatePledge(tx, event.data.pledgeId, (p) => ({
          commitments: [...p.commitments, event.data.commitment.code],
        }));
        return;
      case 'PledgePublished':
        await updatePledge(tx, event.data.pledgeId, (p) => ({
          status: 'published',
          publishedAt: event.data.publishedAt,
          ...dueDates(p.signedAt, event.data.publishedAt, p.completedCycles, reporting),
        }));
        return;
      case 'MilestoneReported': {
        const { pledgeId, milestoneId, commitmentCode, cycle, summary, reportedAt } = event.data;
        const pledge = await updatePledge(tx, pledgeId, (p) => ({
          lastReportedAt: reportedAt,
          milestonesReported: p.milestonesReported + 1,
        }));
        const milestone: MilestoneDocument = {
          _id: milestoneId,
          milestoneId,
          pledgeId,
          organisationId: pledge.organisationId,
          commitmentCode,
          cycle,
          summary,
          reportedAt,
          reviewStatus: 'pending',
        };
        tx.put(MILESTONES, milestone);
        return;
      }
      case 'MilestoneReviewed': {
        const milestone = await required<MilestoneDocument>(tx, MILESTONES, event.data.milestoneId);
        tx.put(MILESTONES, {
          ...milestone,
          reviewStatus: event.data.outcome,
          reviewedAt: event.data.reviewedAt,
          reviewComment: event.data.comment,
        });
        return;
      }
      case 'ReportingCycleCompleted':
        await updatePledge(tx, event.data.pledgeId, (p) => {
          const completedCycles = Math.max(p.completedCycles, event.data.cycle);
          return {
            completedCycles,
            ...dueDates(p.signedAt, p.publishedAt, completedCycles, reporting),
          };
        });
        return;
      case 'PledgeWithdrawn':
        await updatePledge(tx, event.data.pledgeId, () => ({
          status: 'withdrawn',
          withdrawnAt: event.data.withdrawnAt,
        }));
        return;
    }
  }
}

async function updatePledge(
  tx: ProjectionTx,
  pledgeId: string,
  change: (pledge: PledgeDocument) => Partial<PledgeDocument>,
): Promise<PledgeDocument> {
  const pledge = await required<PledgeDocument>(tx, PLEDGES, pledgeId);
  const updated = { ...pledge, ...change(pledge) };
  tx.put(PLEDGES, updated);
  return updated;
}

async function required<T extends { _id: string }>(
  tx: ProjectionTx,
  collection: string,
  id: string,
): Promise<T> {
  const found = await tx.get<T>(collection, id);
  if (!found)
    throw new Error(
      `${collection}/${id} is missing: events arrived out of order or a projection was skipped`,
    );
  return found;
}

function organisationFields(
  organisation: Pick<OrganisationDocument, 'name' | 'country' | 'sector' | 'size' | 'roles'>,
) {
  const { name, country, sector, size, roles } = organisation;
  return { organisationName: name, country, sector, size, roles };
}

/**
 * The current cycle's due date and the instants at which its status turns: the same rule as the
 * domain's reporting policy, precomputed so that queries only compare instants with the clock.
 */
export function dueDates(
  signedAt: string,
  publishedAt: string | undefined,
  completedCycles: number,
  reporting: ReportingConfig,
) {
  const cycle = completedCycles + 1;
  const anchor = reporting.anchor === 'signature' ? signedAt : publishedAt;
  if (anchor === undefined) return { cycle, dueAt: null, dueSoonAt: null, nonReportingAt: null };
  const dueAt = cycleDueAt(anchor, cycle, reporting);
  const earliest = reporting.stages[0];
  const dueSoonAt =
    earliest && durationAsMillis(earliest) < 0 ? addDuration(dueAt, earliest) : null;
  return {
    cycle,
    dueAt,
    dueSoonAt,
    nonReportingAt: addDuration(dueAt, reporting.nonReportingAfter),
  };
}

import { defaultReportingConfig } from '@pact/domain';
import { SqliteEventStore } from '@pact/event-store';
import { testEvent } from '@pact/event-store/testing';
import { EmbeddedReadStore } from '@pact/read-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { practicesProjection } from '../practices/practices.projection';
import { registryProjection } from '../registry/registry.projection';

/** Real SQLite event and read stores in a temporary folder, for projection tests. */
export class ProjectionHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'pact-proj-'));
  readonly events = new SqliteEventStore({
    filename: join(this.dir, 'events.db'),
    synchronous: 'NORMAL',
  });
  readonly read = new EmbeddedReadStore(join(this.dir, 'read.db'));
  readonly projections = [registryProjection(defaultReportingConfig()), practicesProjection];

  async append(
    streamId: string,
    type: string,
    data: unknown,
    recordedAt = '2026-01-01T00:00:00.000Z',
  ) {
    return this.events.append(streamId, [testEvent(type, data, { recordedAt })], 'any');
  }

  /** Every document of the given collections, sorted, without positions: what the API reads. */
  async documents(
    collections: readonly string[],
    store = this.read,
  ): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    for (const collection of collections) {
      result[collection] = await store.aggregate(collection, [
        { $sort: { _id: 1 } },
        { $project: { _position: 0 } },
      ]);
    }
    return result;
  }

  openReadStore(file = 'read.db'): EmbeddedReadStore {
    return new EmbeddedReadStore(join(this.dir, file));
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.read.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const CORE = ['ai-governance-strategy', 'high-risk-mapping', 'ai-literacy'];

/** A realistic little history: organisations, pledges, milestones, reviews, practices. */
export async function seedHistory(harness: ProjectionHarness, organisations = 3): Promise<void> {
  for (let i = 0; i < organisations; i++) {
    const organisationId = `org-${i}`;
    const pledgeId = `pledge-${i}`;
    await harness.append(`organisation-${organisationId}`, 'OrganisationRegistered', {
      organisationId,
      name: `Organisation ${i}`,
      country: ['DE', 'FR', 'IT'][i % 3],
      sector: 'J',
      size: 'small',
      roles: ['provider'],
      contact: { name: `Person ${i}`, email: `p${i}@example.org` },
      registeredAt: '2025-01-01T00:00:00.000Z',
    });
    await harness.append(`pledge-${pledgeId}`, 'PledgeSigned', {
      pledgeId,
      organisationId,
      signatory: { name: 'S', position: 'CEO' },
      signedAt: `2025-0${(i % 9) + 1}-10T00:00:00.000Z`,
      catalogueVersion: '2024-09',
      commitments: CORE.map((code) => ({
        code,
        tier: 'core',
        actions: [
          { actionId: `${code}-a`, description: 'd', status: 'planned', targetDate: '2026-01-01' },
        ],
      })),
    });
    for (const [j, code] of CORE.entries()) {
      await harness.append(`pledge-${pledgeId}`, 'MilestoneReported', {
        pledgeId,
        milestoneId: `m-${i}-${j}`,
        commitmentCode: code,
        cycle: 1,
        summary: 's',
        actionUpdates: [],
        evidenceUrls: [],
        reportedAt: '2025-06-01T00:00:00.000Z',
      });
    }
    await harness.append(`pledge-${pledgeId}`, 'ReportingCycleCompleted', {
      pledgeId,
      cycle: 1,
      completedAt: '2025-06-01T00:00:00.000Z',
    });
    await harness.append(`pledge-${pledgeId}`, 'MilestoneReviewed', {
      pledgeId,
      milestoneId: `m-${i}-0`,
      outcome: 'accepted',
      comment: 'ok',
      reviewedAt: '2025-07-01T00:00:00.000Z',
    });
    await harness.append(`organisation-${organisationId}`, 'OrganisationDetailsChanged', {
      organisationId,
      name: `Renamed ${i}`,
      changedAt: '2025-08-01T00:00:00.000Z',
    });
    await harness.append(`practice-p${i}`, 'PracticeShared', {
      practiceId: `p${i}`,
      organisationId,
      title: `Practice ${i}`,
      summary: 'summary',
      body: 'body',
      category: 'governance',
      implementationLevel: 'planned',
      tags: ['t'],
      publicationConsent: true,
      sharedAt: '2025-03-01T00:00:00.000Z',
    });
    if (i % 2 === 0)
      await harness.append(`practice-p${i}`, 'PracticePublished', {
        practiceId: `p${i}`,
        publishedAt: '2025-04-01T00:00:00.000Z',
      });
  }
}

export const ALL_COLLECTIONS = ['organisations', 'pledges', 'milestones', 'figures', 'practices'];

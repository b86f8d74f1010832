import type { PledgeEvent } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';
import { i18n } from '../i18n/locale';
import { eventSummary } from './audit-sections';

const action = {
  actionId: 'a1',
  description: 'Train staff',
  status: 'planned' as const,
  targetDate: '2027-01-01',
};
const pledgeId = 'p1';

/** One event of each type a pledge's stream holds, shaped by the domain's own types. */
const events: readonly PledgeEvent[] = [
  {
    type: 'PledgeSigned',
    data: {
      pledgeId,
      organisationId: 'o1',
      signatory: { name: 'Ada', position: 'CEO' },
      signedAt: '2026-01-01T00:00:00.000Z',
      catalogueVersion: '2024-09',
      commitments: [{ code: 'ai-literacy', tier: 'core', actions: [action] }],
    },
  },
  {
    type: 'CommitmentAdded',
    data: {
      pledgeId,
      commitment: { code: 'provider-logging', tier: 'additional', actions: [action] },
      addedAt: '2026-01-02T00:00:00.000Z',
    },
  },
  { type: 'PledgePublished', data: { pledgeId, publishedAt: '2026-01-03T00:00:00.000Z' } },
  {
    type: 'MilestoneReported',
    data: {
      pledgeId,
      milestoneId: 'm1',
      commitmentCode: 'ai-literacy',
      cycle: 1,
      summary: 'Done',
      actionUpdates: [],
      evidenceUrls: [],
      reportedAt: '2026-01-04T00:00:00.000Z',
    },
  },
  {
    type: 'MilestoneReviewed',
    data: {
      pledgeId,
      milestoneId: 'm1',
      outcome: 'accepted',
      comment: '',
      reviewedAt: '2026-01-05T00:00:00.000Z',
    },
  },
  {
    type: 'ReportingCycleCompleted',
    data: { pledgeId, cycle: 1, completedAt: '2026-01-06T00:00:00.000Z' },
  },
  {
    type: 'ReportingPromptSent',
    data: {
      pledgeId,
      promptId: 'q1',
      cycle: 2,
      stage: 'upcoming',
      offset: '-P30D',
      dueAt: '2027-01-01T00:00:00.000Z',
      sentAt: '2026-12-02T00:00:00.000Z',
      channels: ['inbox'],
    },
  },
  {
    type: 'PledgeMarkedNonReporting',
    data: {
      pledgeId,
      cycle: 2,
      dueAt: '2027-01-01T00:00:00.000Z',
      markedAt: '2027-01-31T00:00:00.000Z',
    },
  },
  {
    type: 'TimelineChangeNoticed',
    data: {
      pledgeId,
      noticeId: 'n1',
      timelineVersion: '2026-11',
      previousVersion: '2024-07',
      changes: [],
      actions: [],
      noticedAt: '2027-02-01T00:00:00.000Z',
      channels: ['inbox'],
    },
  },
  {
    type: 'PledgeWithdrawn',
    data: { pledgeId, reason: 'Merged', withdrawnAt: '2027-03-01T00:00:00.000Z' },
  },
];

const recorded = (event: PledgeEvent, revision: number): RecordedEvent => ({
  streamId: `pledge-${pledgeId}`,
  revision,
  position: BigInt(revision + 1),
  eventId: `e${revision}`,
  type: event.type,
  schemaVersion: 1,
  recordedAt: '2026-01-01T00:00:00.000Z',
  data: event.data,
  metadata: { actor: { keyId: 'k', role: 'participant' }, correlationId: 'c', causationId: 'c' },
  previousHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

describe('the audit timeline says what each event did', () => {
  it.each(['en', 'fr'] as const)('in %s, for every type of pledge event, whole', (language) => {
    const summaries = events.map((event, i) => eventSummary(i18n(language), recorded(event, i)));
    for (const [i, summary] of summaries.entries()) {
      // Not the type again, no placeholder left, nothing missing after a colon.
      expect(summary).not.toBe(events[i]!.type);
      expect(summary).not.toMatch(/[{}]|:\s*$|:\s*[,(]/);
    }
  });

  it('names an added commitment by its title, and a timeline change by its version', () => {
    const en = i18n('en');
    expect(eventSummary(en, recorded(events[1]!, 1))).toBe(
      'Commitment added: Logging and traceability',
    );
    expect(eventSummary(i18n('fr'), recorded(events[1]!, 1))).toBe(
      'Engagement ajouté : Journalisation et traçabilité',
    );
    expect(eventSummary(en, recorded(events[8]!, 8))).toBe(
      'AI Act timeline 2026-11 noticed; actions concerned: 0',
    );
  });
});

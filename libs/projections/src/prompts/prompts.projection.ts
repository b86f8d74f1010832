import { toDomainEvent } from '@pact/application';
import type { PledgeEvent } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';
import type { Projection, ProjectionTx } from '../projection';

const PROMPTS = 'prompts';
const NOTICES = 'timeline_notices';
/** Which organisation each pledge belongs to: prompt events name only the pledge. */
const PLEDGE_OWNERS = 'prompt_pledge_owners';

/** The inbox of each organisation: its reporting prompts and its AI Act timeline notices. */
export const promptsProjection: Projection = {
  name: 'prompts',
  collections: [PROMPTS, PLEDGE_OWNERS, NOTICES],
  indexes: [
    { collection: PROMPTS, keys: { organisationId: 1, sentAt: -1 } },
    { collection: NOTICES, keys: { organisationId: 1, sentAt: -1 } },
  ],
  eventTypes: new Set(['PledgeSigned', 'ReportingPromptSent', 'TimelineChangeNoticed']),
  async apply(recorded: RecordedEvent, tx: ProjectionTx): Promise<void> {
    const event = toDomainEvent<PledgeEvent>(recorded);
    if (event.type === 'PledgeSigned') {
      tx.put(PLEDGE_OWNERS, {
        _id: event.data.pledgeId,
        organisationId: event.data.organisationId,
      });
      return;
    }
    if (event.type !== 'ReportingPromptSent' && event.type !== 'TimelineChangeNoticed') return;
    const owner = await tx.get<{ _id: string; organisationId: string }>(
      PLEDGE_OWNERS,
      event.data.pledgeId,
    );
    if (!owner) throw new Error(`prompts: pledge ${event.data.pledgeId} was never signed`);
    if (event.type === 'TimelineChangeNoticed') {
      const { noticeId, pledgeId, timelineVersion, previousVersion, changes, actions } = event.data;
      tx.put(NOTICES, {
        _id: noticeId,
        noticeId,
        type: 'timeline-changed',
        pledgeId,
        organisationId: owner.organisationId,
        timelineVersion,
        previousVersion,
        changes,
        actions,
        sentAt: event.data.noticedAt,
        channels: event.data.channels,
      });
      return;
    }
    const { promptId, pledgeId, cycle, stage, dueAt, sentAt, channels } = event.data;
    tx.put(PROMPTS, {
      _id: promptId,
      promptId,
      pledgeId,
      organisationId: owner.organisationId,
      cycle,
      stage,
      dueAt,
      sentAt,
      channels,
    });
  },
};

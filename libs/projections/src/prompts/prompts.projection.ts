import { toDomainEvent } from '@pact/application';
import type { PledgeEvent } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';
import type { Projection, ProjectionTx } from '../projection';

const PROMPTS = 'prompts';
/** Which organisation each pledge belongs to: prompt events name only the pledge. */
const PLEDGE_OWNERS = 'prompt_pledge_owners';

/** The reporting prompts inbox of each organisation. */
export const promptsProjection: Projection = {
  name: 'prompts',
  collections: [PROMPTS, PLEDGE_OWNERS],
  indexes: [{ collection: PROMPTS, keys: { organisationId: 1, sentAt: -1 } }],
  eventTypes: new Set(['PledgeSigned', 'ReportingPromptSent']),
  async apply(recorded: RecordedEvent, tx: ProjectionTx): Promise<void> {
    const event = toDomainEvent<PledgeEvent>(recorded);
    if (event.type === 'PledgeSigned') {
      tx.put(PLEDGE_OWNERS, {
        _id: event.data.pledgeId,
        organisationId: event.data.organisationId,
      });
      return;
    }
    if (event.type !== 'ReportingPromptSent') return;
    const owner = await tx.get<{ _id: string; organisationId: string }>(
      PLEDGE_OWNERS,
      event.data.pledgeId,
    );
    if (!owner) throw new Error(`prompts: pledge ${event.data.pledgeId} was never signed`);
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

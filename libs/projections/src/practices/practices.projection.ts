import { toDomainEvent } from '@pact/application';
import { practiceDecider, type PracticeEvent, type PracticeState } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';
import type { Projection, ProjectionTx } from '../projection';

const PRACTICES = 'practices';

/** Practices as their decider folds them, one document each. */
export const practicesProjection: Projection = {
  name: 'practices',
  collections: [PRACTICES],
  // Published practices newest first; an organisation's own; every practice for staff.
  indexes: [
    { collection: PRACTICES, keys: { status: 1, sharedAt: 1 } },
    { collection: PRACTICES, keys: { organisationId: 1, sharedAt: 1 } },
    { collection: PRACTICES, keys: { sharedAt: 1 } },
  ],
  eventTypes: new Set([
    'PracticeShared',
    'PracticeRevised',
    'PracticePublished',
    'PracticeRejected',
    'PracticeWithdrawn',
  ]),
  async apply(recorded: RecordedEvent, tx: ProjectionTx): Promise<void> {
    const event = toDomainEvent<PracticeEvent>(recorded);
    const id = event.data.practiceId;
    const stored = await tx.get(PRACTICES, id);
    const current = (stored as PracticeState | undefined) ?? practiceDecider.initialState();
    const next = practiceDecider.evolve(current, event);
    if (next.status === 'none')
      throw new Error(`practices/${id}: ${event.type} before PracticeShared`);
    tx.put(PRACTICES, JSON.parse(JSON.stringify({ ...next, _id: id })) as { _id: string });
  },
};

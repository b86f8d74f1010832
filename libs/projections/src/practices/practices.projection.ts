import { toDomainEvent } from '@pact/application';
import { practiceDecider, type PracticeEvent, type PracticeState } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';
import type { Projection, ProjectionTx } from '../projection';

const PRACTICES = 'practices';

/** Practices as their decider folds them, one document each. */
export const practicesProjection: Projection = {
  name: 'practices',
  collections: [PRACTICES],
  indexes: ['status', 'category', 'implementationLevel', 'organisationId', 'sharedAt'].map(
    (field) => ({
      collection: PRACTICES,
      keys: { [field]: 1 as const },
    }),
  ),
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

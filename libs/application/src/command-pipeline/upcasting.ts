import type { DomainEvent } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';

/** A stored event as the deciders and projections read it. */
export function toDomainEvent<E extends DomainEvent>(recorded: RecordedEvent): E {
  return { type: recorded.type, data: recorded.data } as E;
}

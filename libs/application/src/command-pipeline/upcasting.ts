import { upcast, type DomainEvent } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';

/** A stored event as the deciders and projections read it: upgraded to its type's current schema. */
export function toDomainEvent<E extends DomainEvent>(recorded: RecordedEvent): E {
  return {
    type: recorded.type,
    data: upcast(recorded.type, recorded.schemaVersion, recorded.data).data,
  } as E;
}

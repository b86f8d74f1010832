import { upcast } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';

/**
 * An event as the history endpoints show it: every field exactly as stored, so that anyone can
 * recompute the hash chain. When the event was written in an older schema, `current` beside it holds
 * the data upgraded to today's schema (what deciders and projections read). Sealed personal data
 * stays sealed in `data`; readers allowed to see it get it opened in `personalData`.
 */
export function historyEntry(event: RecordedEvent, withStream = false, personalData?: unknown) {
  const { actor, correlationId, causationId, idempotencyKey } = event.metadata;
  const upgraded = upcast(event.type, event.schemaVersion, event.data);
  return {
    ...(withStream ? { streamId: event.streamId } : {}),
    revision: event.revision,
    position: String(event.position),
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt,
    data: event.data,
    metadata: {
      actor,
      correlationId,
      causationId,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    },
    previousHash: event.previousHash,
    hash: event.hash,
    ...(upgraded.schemaVersion === event.schemaVersion ? {} : { current: upgraded }),
    ...(personalData === undefined ? {} : { personalData }),
  };
}

import { randomUUID } from 'node:crypto';
import type { Actor, EventToAppend } from '../event-store.port';

/**
 * An event to append in a spec or a benchmark: a fresh id, schema version 1, and metadata that
 * says who (a participant's key unless told) without mattering to what is tested.
 */
export function testEvent(
  type: string,
  data: unknown,
  options: { readonly recordedAt?: string; readonly actor?: Actor } = {},
): EventToAppend {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    recordedAt: options.recordedAt ?? '2026-01-01T00:00:00.000Z',
    data,
    metadata: {
      actor: options.actor ?? { keyId: 'k', role: 'participant' },
      correlationId: 'c',
      causationId: 'c',
    },
  };
}

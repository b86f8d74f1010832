import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

const PACT_NAMESPACE = '8f5e3c2a-6b1d-4e7f-9a0c-2d4b6e8f1a3c';

export function newId(): string {
  return randomUUID();
}

/** A stable UUID for a name: the same inputs always give the same id. */
export function deriveId(...parts: readonly (string | number)[]): string {
  return uuidv5(parts.join('/'), PACT_NAMESPACE);
}

/**
 * An organisation's pledges take numbered slots: the n-th pledge it ever signs has a fixed id.
 * Two concurrent signatures therefore race for the same new stream, and exactly one wins.
 */
export const pledgeIdForSlot = (organisationId: string, slot: number) =>
  deriveId(organisationId, 'pledge', slot);

import { createHash, randomUUID } from 'node:crypto';

export const PACT_NAMESPACE = '8f5e3c2a-6b1d-4e7f-9a0c-2d4b6e8f1a3c';
const NAMESPACE_BYTES = Buffer.from(PACT_NAMESPACE.replaceAll('-', ''), 'hex');

export function newId(): string {
  return randomUUID();
}

/**
 * A stable UUID for a name: the same inputs always give the same id. A version-5 UUID (RFC 9562:
 * SHA-1 of the namespace's bytes and the name's UTF-8), written here rather than with the `uuid`
 * package, which parsed the namespace and re-encoded the name on every call: each signature derives
 * an id per action, and that was about 2 % of its CPU.
 */
export function deriveId(...parts: readonly (string | number)[]): string {
  const digest = createHash('sha1').update(NAMESPACE_BYTES).update(parts.join('/')).digest();
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * An organisation's pledges take numbered slots: the n-th pledge it ever signs has a fixed id.
 * Two concurrent signatures therefore race for the same new stream, and exactly one wins.
 */
export const pledgeIdForSlot = (organisationId: string, slot: number) =>
  deriveId(organisationId, 'pledge', slot);

/** A bound on slots scanned; an organisation withdrawing a thousand pledges is not a real case. */
export const MAX_PLEDGE_SLOTS = 1000;

import type { RecordedEvent } from './event-store.port';
import { chainHash, GENESIS_HASH } from './hash-chain';

export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

export interface ChainVerification {
  readonly valid: boolean;
  readonly eventCount: number;
  /** Hash of the last event read (64 zeros for an empty stream). */
  readonly headHash: string;
  readonly firstInvalidRevision?: number;
}

/**
 * Checks one stream's events, read in order: revisions contiguous from 0, each previousHash the hash
 * before it, each hash recomputed from the event. A sealed head catches what a chain alone cannot: a
 * stream cut short after the seal.
 */
export function verifyChain(
  events: readonly RecordedEvent[],
  sealedHead?: StreamHead,
): ChainVerification {
  let previous = GENESIS_HASH;
  let firstInvalidRevision: number | undefined;
  for (const [index, event] of events.entries()) {
    const intact =
      event.revision === index &&
      event.previousHash === previous &&
      chainHash(previous, event) === event.hash;
    if (!intact) {
      firstInvalidRevision = index;
      break;
    }
    previous = event.hash;
  }
  if (firstInvalidRevision === undefined && sealedHead) {
    const sealed = events[sealedHead.revision];
    if (!sealed) firstInvalidRevision = events.length;
    else if (sealed.hash !== sealedHead.hash) firstInvalidRevision = sealedHead.revision;
  }
  const headHash = events.at(-1)?.hash ?? GENESIS_HASH;
  return firstInvalidRevision === undefined
    ? { valid: true, eventCount: events.length, headHash }
    : { valid: false, eventCount: events.length, headHash, firstInvalidRevision };
}

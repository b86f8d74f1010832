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
 * Checks one stream's events, fed in order: revisions contiguous from 0, each previousHash the hash
 * before it, each hash recomputed from the event. A sealed head catches what a chain alone cannot: a
 * stream cut short after the seal. Incremental, so a whole log can be checked without holding it.
 */
export class ChainVerifier {
  private next = 0;
  private previous = GENESIS_HASH;
  private count = 0;
  private sealedHashSeen?: string;
  private firstInvalidRevision?: number;

  constructor(private readonly sealedHead?: StreamHead) {}

  add(event: RecordedEvent): void {
    this.count += 1;
    if (this.firstInvalidRevision !== undefined) return;
    const intact =
      event.revision === this.next &&
      event.previousHash === this.previous &&
      chainHash(this.previous, event) === event.hash;
    if (!intact) {
      this.firstInvalidRevision = this.next;
      return;
    }
    if (event.revision === this.sealedHead?.revision) this.sealedHashSeen = event.hash;
    this.previous = event.hash;
    this.next += 1;
  }

  result(): ChainVerification {
    let firstInvalidRevision = this.firstInvalidRevision;
    const sealed = this.sealedHead;
    if (firstInvalidRevision === undefined && sealed) {
      if (this.next <= sealed.revision) firstInvalidRevision = this.next;
      else if (this.sealedHashSeen !== sealed.hash) firstInvalidRevision = sealed.revision;
    }
    const base = { eventCount: this.count, headHash: this.previous };
    return firstInvalidRevision === undefined
      ? { valid: true, ...base }
      : { valid: false, ...base, firstInvalidRevision };
  }
}

export function verifyChain(
  events: readonly RecordedEvent[],
  sealedHead?: StreamHead,
): ChainVerification {
  const verifier = new ChainVerifier(sealedHead);
  for (const event of events) verifier.add(event);
  return verifier.result();
}

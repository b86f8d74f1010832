import type { DocumentChange, ReadDocument, ReadStore } from '@pact/read-store';
import type { PageTx } from '../projection';

/**
 * Buffers a batch's writes; reads see them first, then the store. Collection names get the runner's
 * suffix. The store records on every document the position of the batch that wrote it (the reserved
 * `_position`), and a write is dropped when the document already reflects that event or a later one:
 * applying an event twice, or replaying a batch after a crash, leaves the documents as they were.
 */
export class BatchTx implements PageTx {
  private readonly pending = new Map<string, DocumentChange>();
  /** The current event's writes, kept only if the whole event applied. */
  private event = new Map<string, DocumentChange>();
  private position = 0n;

  constructor(
    private readonly store: ReadStore,
    private readonly suffix: string,
  ) {}

  beginEvent(position: bigint): void {
    this.position = position;
    this.event = new Map();
  }

  async get<T extends ReadDocument>(collection: string, id: string): Promise<T | undefined> {
    const k = key(collection, id);
    const change = this.event.get(k) ?? this.pending.get(k);
    if (change) return (change.document ?? undefined) as T | undefined;
    return storeRead(() => this.store.findById<T>(collection + this.suffix, id));
  }

  appliedPosition(collection: string, id: string): Promise<bigint | undefined> {
    return storeRead(() => this.store.appliedPosition(collection + this.suffix, id));
  }

  put(collection: string, document: ReadDocument): void {
    this.event.set(key(collection, document._id), {
      collection: collection + this.suffix,
      id: document._id,
      document,
    });
  }

  delete(collection: string, id: string): void {
    this.event.set(key(collection, id), {
      collection: collection + this.suffix,
      id,
      document: null,
    });
  }

  /** Keeps the current event's writes, except those to documents that already reflect it. */
  async keepEvent(): Promise<void> {
    for (const [k, change] of this.event) {
      // A write already in this batch came from an earlier event; otherwise the store says which
      // batch last wrote the document.
      if (!this.pending.has(k)) {
        const applied = await storeRead(() =>
          this.store.appliedPosition(change.collection, change.id),
        );
        if (applied !== undefined && applied >= this.position) continue;
      }
      this.pending.set(k, change);
    }
    this.event = new Map();
  }

  /** Forgets the current event's writes (it failed part-way). */
  discardEvent(): void {
    this.event = new Map();
  }

  get changes(): DocumentChange[] {
    return [...this.pending.values()];
  }

  get size(): number {
    return this.pending.size;
  }
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * The read store failed under a projection (an outage, a failover): not the projection's fault, so
 * the runner retries the batch instead of recording a dead letter.
 */
export class ReadStoreFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(`The read store failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ReadStoreFailure';
  }
}

async function storeRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new ReadStoreFailure(error);
  }
}

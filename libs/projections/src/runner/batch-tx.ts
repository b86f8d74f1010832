import type { DocumentChange, ReadDocument, ReadStore } from '@pact/read-store';
import type { ProjectionTx } from '../projection';

/** Buffers a batch's writes; reads see them first, then the store. Collection names get the runner's suffix. */
export class BatchTx implements ProjectionTx {
  private readonly pending = new Map<string, DocumentChange>();
  /** The current event's writes, merged into the batch only if the whole event applied. */
  private event = new Map<string, DocumentChange>();

  constructor(
    private readonly store: ReadStore,
    private readonly suffix: string,
  ) {}

  async get<T extends ReadDocument>(collection: string, id: string): Promise<T | undefined> {
    const change = this.event.get(key(collection, id)) ?? this.pending.get(key(collection, id));
    if (change) return (change.document ?? undefined) as T | undefined;
    return this.store.findById<T>(collection + this.suffix, id);
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

  /** Keeps the current event's writes. */
  keepEvent(): void {
    for (const [k, change] of this.event) this.pending.set(k, change);
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

import type { RecordedEvent } from '@pact/event-store';
import type { IndexSpec, ReadDocument } from '@pact/read-store';

/** What a projection may do while applying one batch: read its documents (its own writes included) and write them. */
export interface ProjectionTx {
  get<T extends ReadDocument>(collection: string, id: string): Promise<T | undefined>;
  put(collection: string, document: ReadDocument): void;
  delete(collection: string, id: string): void;
}

/** A read model: the events it reads, the collections it alone writes, and how one event changes them. */
export interface Projection {
  readonly name: string;
  readonly collections: readonly string[];
  readonly indexes: readonly IndexSpec[];
  readonly eventTypes: ReadonlySet<string>;
  apply(event: RecordedEvent, tx: ProjectionTx): Promise<void>;
}

export const PROJECTIONS = Symbol('Projections');

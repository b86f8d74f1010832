import type { RecordedEvent } from '@pact/event-store';
import type { IndexSpec, ReadDocument } from '@pact/read-store';

/** What a projection may do while applying one batch: read its documents (its own writes included) and write them. */
export interface ProjectionTx {
  get<T extends ReadDocument>(collection: string, id: string): Promise<T | undefined>;
  put(collection: string, document: ReadDocument): void;
  delete(collection: string, id: string): void;
}

/** A page's transaction once its events have applied: also tells which event last wrote a document. */
export interface PageTx extends ProjectionTx {
  /** The log position of the last event committed into a document; undefined if none ever was. */
  appliedPosition(collection: string, id: string): Promise<bigint | undefined>;
}

/** A read model: the events it reads, the collections it alone writes, and how one event changes them. */
export interface Projection {
  readonly name: string;
  readonly collections: readonly string[];
  readonly indexes: readonly IndexSpec[];
  readonly eventTypes: ReadonlySet<string>;
  apply(event: RecordedEvent, tx: ProjectionTx): Promise<void>;
  /**
   * Runs once a page's events have applied, in the same transaction (`tx` is the one each of the
   * page's events got), before the page commits: for what a projection keeps per page rather than
   * per event (the registry's figures). Its writes count as the page's last event's.
   */
  finishPage?(tx: PageTx): Promise<void>;
}

export const PROJECTIONS = Symbol('Projections');

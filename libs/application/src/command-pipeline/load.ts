import { fold, type Decider, type DomainCommand, type DomainEvent } from '@pact/domain';
import type { EventStore, RecordedEvent } from '@pact/event-store';
import { toDomainEvent } from './upcasting';

export interface Loaded<State> {
  readonly state: State;
  /** Revision of the last event folded, -1 when none. */
  readonly revision: number;
  readonly events: readonly RecordedEvent[];
}

export interface LoadOptions {
  /** Fold only up to this revision (inclusive). */
  readonly untilRevision?: number;
  /** Fold only events recorded at or before this instant. */
  readonly asOf?: Date;
}

/** Reads a stream and folds it, optionally as it was at a revision or an instant. */
export async function load<E extends DomainEvent, S>(
  store: EventStore,
  decider: Pick<Decider<DomainCommand, E, S>, 'evolve' | 'initialState'>,
  streamId: string,
  options: LoadOptions = {},
): Promise<Loaded<S>> {
  return replay(decider, await store.readStream(streamId), options);
}

/** Folds events already read, optionally only up to a revision or an instant. */
export function replay<E extends DomainEvent, S>(
  decider: Pick<Decider<DomainCommand, E, S>, 'evolve' | 'initialState'>,
  recorded: readonly RecordedEvent[],
  options: LoadOptions = {},
): Loaded<S> {
  const events = recorded.filter(
    (e) =>
      (options.untilRevision === undefined || e.revision <= options.untilRevision) &&
      (options.asOf === undefined || Date.parse(e.recordedAt) <= options.asOf.getTime()),
  );
  const state = fold(
    decider,
    events.map((e) => toDomainEvent<E>(e)),
  );
  return { state, revision: events.at(-1)?.revision ?? -1, events };
}

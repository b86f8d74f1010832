import { fold, type Decider, type DomainCommand, type DomainEvent } from '@pact/domain';
import type { EventStore, RecordedEvent } from '@pact/event-store';
import type { StreamStates } from './stream-states';
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

/** A stream's current state, with the revision and log position of its last event (-1 and 0 when none). */
export interface Current<State> {
  readonly state: State;
  readonly revision: number;
  readonly position: bigint;
}

/**
 * A stream's current state: the state kept for it caught up with the events appended since (by this
 * process or any other), or, with none kept, the whole stream folded; what it reaches is kept. Reads
 * the store either way, so it is as current as `load`.
 */
export async function loadCurrent<E extends DomainEvent, S>(
  store: EventStore,
  decider: Pick<Decider<DomainCommand, E, S>, 'evolve' | 'initialState'>,
  streamId: string,
  states?: StreamStates<S>,
): Promise<Current<S>> {
  const known = states?.get(streamId);
  const recorded = await store.readStream(
    streamId,
    known ? { fromRevision: known.revision + 1 } : undefined,
  );
  const state = recorded.reduce(
    (current, e) => decider.evolve(current, toDomainEvent<E>(e)),
    known ? known.state : decider.initialState(),
  );
  const last = recorded.at(-1);
  if (last) {
    const head = { revision: last.revision, position: last.position };
    states?.keep(streamId, { ...head, state });
    return { state, ...head };
  }
  return { state, revision: known?.revision ?? -1, position: known?.position ?? 0n };
}

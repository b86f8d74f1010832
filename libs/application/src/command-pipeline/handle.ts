import {
  currentSchemaVersion,
  type Decider,
  type DomainCommand,
  type DomainEvent,
} from '@pact/domain';
import {
  WrongExpectedVersionError,
  type EventStore,
  type StreamCondition,
} from '@pact/event-store';
import { deriveId } from '../ids';
import type { CommandContext } from './command-context';
import { ConcurrencyConflictError, PreconditionFailedError } from './errors';
import { load, loadCurrent, type Loaded } from './load';
import type { StreamStates } from './stream-states';

export interface HandleOptions<State> {
  /** Runs on the folded state before the decider; throws to refuse (ownership checks, say). */
  readonly authorize?: (state: State) => void;
  readonly maxRetries?: number;
  /**
   * States kept from earlier commands: the command is first decided on the state kept and appended
   * at its revision without reading; if that state proves stale, the stream is read from after it.
   */
  readonly states?: StreamStates<State>;
}

/**
 * A command decided on what another stream holds as well (a pledge's commitment on its
 * organisation's roles): built from that stream as read, and appended only while each condition
 * (that stream still at the revision read) holds.
 */
export interface Conditioned<C> {
  readonly command: C;
  readonly conditions: readonly StreamCondition[];
}

export interface HandleResult<Event, State> {
  /** Revision of the last event written (or of the stream's head when nothing was written). */
  readonly revision: number;
  readonly position: bigint;
  readonly events: Event[];
  readonly state: State;
}

/**
 * The one command pipeline: read the stream, fold it, decide, append at the revision read (or, on a
 * state kept from an earlier command, first decide and append at its revision without reading).
 * With an If-Match revision a conflict is 412; without, the command is retried on fresh state.
 * A command read from another stream as well (a function answering it and its conditions) is read
 * again only when a condition failed: a write there in between is never the caller's 412.
 */
export async function handle<C extends DomainCommand, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  source: C | (() => Promise<Conditioned<C>>),
  context: CommandContext,
  options: HandleOptions<S> = {},
): Promise<HandleResult<E, S>> {
  // Each round of a race lets one writer through, so retries must outnumber likely concurrent writers.
  const maxRetries = options.maxRetries ?? 25;
  const expected = context.expectedRevision;
  const read: () => Promise<Conditioned<C>> =
    typeof source === 'function'
      ? source
      : () => Promise.resolve({ command: source, conditions: [] });
  let { command, conditions } = await read();

  /** Appends the events decided on the state of a revision, at that revision, and keeps the result. */
  const appendAt = async (state: S, revision: number, events: E[]) => {
    const result = await store.append(
      streamId,
      envelopes(events, context),
      revision < 0 ? 'no-stream' : revision,
      conditions,
    );
    const after = events.reduce((current, event) => decider.evolve(current, event), state);
    const { revision: last, position } = result;
    // A retried command's events were stored already, perhaps after other events and decided on
    // another state than this one: its answer is theirs, and no state is kept from it.
    if (!result.retried) options.states?.keep(streamId, { revision: last, position, state: after });
    return { revision: last, position, events, state: after };
  };

  // First, on a state kept from an earlier command, without reading: the append at its revision
  // succeeds only if nothing was appended since, so a current state decided it. What a stale state
  // could have decided differently (a refusal, nothing to do, an If-Match answer, a write in
  // between) is left to the loop below, which reads and decides again.
  const kept = options.states?.get(streamId);
  if (kept && (expected === undefined || expected === kept.revision)) {
    const events = decidedOrRefused(() => {
      options.authorize?.(kept.state);
      return decider.decide(command, kept.state);
    });
    if (events.length > 0) {
      try {
        return await appendAt(kept.state, kept.revision, events);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (error.streamId !== streamId) ({ command, conditions } = await read());
      }
    }
  }

  for (let attempt = 0; ; attempt++) {
    const {
      state,
      revision: actual,
      position,
    } = await loadCurrent(store, decider, streamId, options.states);
    options.authorize?.(state);
    if (expected !== undefined && expected !== actual)
      throw new PreconditionFailedError(expected, actual);
    const events = decider.decide(command, state);
    if (events.length === 0) return { revision: actual, position, events, state };
    try {
      return await appendAt(state, actual, events);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const ours = error.streamId === streamId;
      if (ours && expected !== undefined)
        throw new PreconditionFailedError(expected, Number(error.actual));
      if (attempt >= maxRetries)
        throw new ConcurrencyConflictError(`Too many concurrent changes to ${streamId}`);
      // A little jitter keeps the losers of a race from colliding again in lockstep.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)),
      );
      // The other stream changed since the command was read from it: read it again.
      if (!ours) ({ command, conditions } = await read());
    }
  }
}

/** The condition that a stream is still at a revision read (-1: not written). */
export function stillAt(streamId: string, revision: number): StreamCondition {
  return { streamId, expected: revision < 0 ? 'no-stream' : revision };
}

/**
 * A command built from another stream's current state, conditioned on that stream's revision.
 * `first`, a read of it the caller made already (to answer 404 before anything else, say), serves
 * the first attempt; an attempt after a failed condition reads it again.
 */
export function conditionedOn<E extends DomainEvent, S, C>(
  store: EventStore,
  decider: Pick<Decider<DomainCommand, E, S>, 'evolve' | 'initialState'>,
  streamId: string,
  build: (state: S) => C,
  first?: Loaded<S>,
): () => Promise<Conditioned<C>> {
  let earlier = first;
  return async () => {
    const { state, revision } = earlier ?? (await load(store, decider, streamId));
    earlier = undefined;
    return { command: build(state), conditions: [stillAt(streamId, revision)] };
  };
}

/** The events decided, or none when the decision refused: a refusal is only given on a fresh read. */
function decidedOrRefused<E>(decide: () => E[]): E[] {
  try {
    return decide();
  } catch {
    return [];
  }
}

function envelopes(events: readonly DomainEvent[], context: CommandContext) {
  return events.map((event, index) => ({
    eventId: deriveId(context.commandId, index),
    type: event.type,
    schemaVersion: currentSchemaVersion(event.type),
    recordedAt: context.now.toISOString(),
    data: event.data,
    metadata: {
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
    },
  }));
}

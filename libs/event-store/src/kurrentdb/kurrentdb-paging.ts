import type { AppendResult, EventToAppend, RecordedEvent } from '../event-store.port';

/** One event as the server returned it: where it is, and the port's event when this store wrote it. */
export interface Scanned {
  readonly position: bigint;
  readonly event?: RecordedEvent;
}

/** Reads up to `count` events of the log from `from` (inclusive), as the server returns them. */
export type ReadWindow = (from: bigint, count: number) => AsyncIterable<Scanned>;

/**
 * A page of the log after `after`, of up to `maxCount` events this store wrote. Other writers in the
 * same database leave events the store does not read; a window of nothing but theirs is read past,
 * from the last position scanned, until the page is full or the log ends, so an empty page always
 * means the end of the log.
 */
export async function readPage(
  read: ReadWindow,
  after: bigint,
  maxCount: number,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let from = after;
  for (;;) {
    // The window starts at `from` itself (already read); one more makes up for it.
    const window = maxCount - events.length + 1;
    let scanned = 0;
    let last = from;
    for await (const item of read(from, window)) {
      scanned += 1;
      if (item.position > last) last = item.position;
      if (item.event && item.event.position > from) events.push(item.event);
      if (events.length === maxCount) return events;
    }
    if (scanned < window || last === from) return events;
    from = last;
  }
}

/** One event of a stream as the server returned it: its revision, and the port's event when ours. */
export interface ScannedRevision {
  readonly revision: number;
  readonly event?: RecordedEvent;
}

/**
 * Reads up to `count` events of a stream from revision `from` (inclusive; undefined: the stream's
 * start, or its end when backwards), as the server returns them.
 */
export type StreamWindow = (
  from: number | undefined,
  count: number,
) => AsyncIterable<ScannedRevision>;

/**
 * Up to `maxCount` of this store's events of a stream, from `from` in the given direction. Events
 * another writer put in the stream count towards the server's `maxCount` but not towards the page,
 * so a short window is read past, from the revision after the last scanned, until the page is full
 * or the stream ends.
 */
export async function readStreamPage(
  read: StreamWindow,
  from: number | undefined,
  backwards: boolean,
  maxCount: number,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  if (maxCount <= 0) return events;
  let next = from;
  for (;;) {
    const window = maxCount - events.length;
    let scanned = 0;
    let last: number | undefined;
    for await (const item of read(next, window)) {
      scanned += 1;
      last = item.revision;
      if (item.event) events.push(item.event);
      if (events.length === maxCount) return events;
    }
    if (scanned < window || last === undefined || (backwards && last === 0)) return events;
    next = backwards ? last - 1 : last + 1;
  }
}

/**
 * How far back an append looks for its own first event id: a retry arrives within moments, behind
 * at most the appends of the writers that raced it.
 */
export const SEARCH_BACK = 200;

/**
 * The result of an earlier append of the same events, found among the stream's newest events (the
 * server checks event ids only when the expected revision is behind the head, and the adapter always
 * sends the head it read). A batch is written whole or not at all, so finding some of its ids but
 * not all, or not in order, is an error, not a retry.
 */
export function earlierAppend(
  tailNewestFirst: readonly RecordedEvent[],
  events: readonly EventToAppend[],
  streamId: string,
): AppendResult | undefined {
  const ids = new Set(events.map((e) => e.eventId));
  const found = [...tailNewestFirst].reverse().filter((stored) => ids.has(stored.eventId));
  if (found.length === 0) return undefined;
  const whole =
    found.length === events.length &&
    found.every((stored, i) => stored.eventId === events[i]!.eventId) &&
    found.every((stored, i) => i === 0 || stored.revision === found[i - 1]!.revision + 1);
  if (!whole)
    throw new Error(
      `Stream ${streamId} holds ${found.length} of this append's ${events.length} event ids, not as one batch`,
    );
  const last = found.at(-1)!;
  return { revision: last.revision, position: last.position, retried: true };
}

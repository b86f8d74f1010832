import type { EventStore } from './event-store.port';

/**
 * Waits, without polling, until the log holds an event after `position` (or the signal aborts).
 * Followers page through the log with `readAll` and call this when they reach its head.
 */
export async function waitForEventAfter(
  store: EventStore,
  position: bigint,
  signal: AbortSignal,
): Promise<void> {
  const control = new AbortController();
  const abort = () => control.abort();
  signal.addEventListener('abort', abort, { once: true });
  try {
    for await (const _event of store.subscribeToAll({ after: position, signal: control.signal }))
      return;
  } finally {
    signal.removeEventListener('abort', abort);
    control.abort();
  }
}

import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedState,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamCondition,
  SubscribeOptions,
} from './event-store.port';

/** Passes every call to the store underneath; a decorator overrides only what it changes. */
export abstract class ForwardingEventStore implements EventStore {
  constructor(protected readonly inner: EventStore) {}

  append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
    conditions?: readonly StreamCondition[],
  ): Promise<AppendResult> {
    return this.inner.append(streamId, events, expected, conditions);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return this.inner.subscribeToAll(options);
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  countAfter(after: bigint, cap: number): Promise<number> {
    return this.inner.countAfter(after, cap);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import {
  ForwardingEventStore,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedState,
  type StreamCondition,
} from '@pact/event-store';

/** This process's Prometheus registry (one per app, so several apps can share a test process). */
export const METRICS = Symbol('Metrics');

export function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
): Counter<L> {
  return (
    (registry.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter({ name, help, labelNames, registers: [registry] })
  );
}

export function histogram<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: number[],
): Histogram<L> {
  return (
    (registry.getSingleMetric(name) as Histogram<L> | undefined) ??
    new Histogram({ name, help, labelNames, buckets, registers: [registry] })
  );
}

/** A gauge whose values are read when Prometheus scrapes. */
export function sampledGauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  sample: () => Promise<{ labels: Record<L, string>; value: number }[]>,
): void {
  if (registry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { labels, value } of await sample().catch(() => [])) this.set(labels, value);
    },
  });
}

/** Times every append (the latency a command pays to the event store). */
export class MeasuredEventStore extends ForwardingEventStore {
  private readonly appends: Histogram<'outcome'>;

  constructor(inner: EventStore, registry: Registry) {
    super(inner);
    this.appends = histogram(
      registry,
      'pact_event_store_append_seconds',
      'Event store append latency',
      ['outcome'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    );
  }

  override async append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
    conditions?: readonly StreamCondition[],
  ): Promise<AppendResult> {
    const end = this.appends.startTimer();
    try {
      const result = await this.inner.append(streamId, events, expected, conditions);
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: 'refused' });
      throw error;
    }
  }
}

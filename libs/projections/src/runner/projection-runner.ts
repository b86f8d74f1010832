import type { EventStore, RecordedEvent } from '@pact/event-store';
import type { ReadStore } from '@pact/read-store';
import type { Projection } from '../projection';
import { BatchTx } from './batch-tx';

export type OnProjectionError = 'stop' | 'skip';

export interface RunnerOptions {
  /** Appended to collection and checkpoint names: a rebuild writes beside the live collections. */
  readonly suffix?: string;
  readonly onError?: OnProjectionError;
  readonly batchSize?: number;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
}

const IDLE = Symbol('idle');

/**
 * Feeds one projection from its checkpoint: catch-up, then live. Events are applied in batches and
 * each batch commits with its checkpoint, so a crash replays at most an uncommitted batch. A batch
 * commits when full or as soon as the subscription has nothing more to give.
 */
export class ProjectionRunner {
  private controller?: AbortController;
  private running?: Promise<void>;

  constructor(
    private readonly projection: Projection,
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly options: RunnerOptions = {},
  ) {}

  get checkpointName(): string {
    return this.projection.name + (this.options.suffix ?? '');
  }

  start(): void {
    if (this.running) return;
    const controller = new AbortController();
    this.controller = controller;
    this.running = this.supervise(controller.signal).finally(() => (this.running = undefined));
  }

  /** Runs until stopped; an unexpected failure (a store outage, say) is logged and retried after a pause. */
  private async supervise(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.run(signal);
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.options.log?.(
          `Projection ${this.checkpointName} interrupted: ${String(error)}; retrying in 1 s`,
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
  }

  /** Applies everything up to the current head, then returns (used by rebuilds). */
  async catchUp(): Promise<void> {
    const head = await this.events.headPosition();
    const controller = new AbortController();
    await this.run(controller.signal, head);
  }

  private async run(signal: AbortSignal, until?: bigint): Promise<void> {
    const checkpoint = await this.store.checkpoint(this.checkpointName);
    if (checkpoint.status === 'stopped') return;
    if (until !== undefined && checkpoint.position >= until) return;
    // The subscription gets its own signal: a generator parked in its wait for new events only
    // finishes (and lets `return()` settle) once aborted.
    const subscriptionControl = new AbortController();
    const abortSubscription = () => subscriptionControl.abort();
    signal.addEventListener('abort', abortSubscription, { once: true });
    const subscription = this.events.subscribeToAll({
      after: checkpoint.position,
      signal: subscriptionControl.signal,
    });
    const iterator = subscription[Symbol.asyncIterator]();
    const batchSize = this.options.batchSize ?? 500;
    let tx = new BatchTx(this.store, this.options.suffix ?? '');
    let last = checkpoint.position;
    let committed = checkpoint.position;
    const commit = async () => {
      if (last === committed) return;
      await this.store.commit(this.checkpointName, tx.changes, last);
      committed = last;
      tx = new BatchTx(this.store, this.options.suffix ?? '');
    };
    let next = iterator.next();
    try {
      while (!signal.aborted) {
        const result = last === committed ? await next : await Promise.race([next, idle()]);
        if (result === IDLE) {
          await commit();
          continue;
        }
        if (result.done) break;
        next = iterator.next();
        const event = result.value;
        if (!(await this.applyOne(event, tx))) {
          await commit();
          await this.store.setStatus(this.checkpointName, 'stopped');
          break;
        }
        last = event.position;
        if (tx.size >= batchSize) await commit();
        if (until !== undefined && last >= until) break;
      }
      await commit();
    } finally {
      signal.removeEventListener('abort', abortSubscription);
      subscriptionControl.abort();
      await next;
      await iterator.return?.();
    }
  }

  /** False when the projection must stop on this event (after recording it as a dead letter). */
  private async applyOne(event: RecordedEvent, tx: BatchTx): Promise<boolean> {
    if (!this.projection.eventTypes.has(event.type)) return true;
    try {
      tx.beginEvent(event.position);
      await this.projection.apply(event, tx);
      await tx.keepEvent();
      return true;
    } catch (error) {
      tx.discardEvent();
      const message = error instanceof Error ? error.message : String(error);
      await this.store.addDeadLetter({
        projection: this.checkpointName,
        position: String(event.position),
        eventId: event.eventId,
        type: event.type,
        error: message,
        failedAt: (this.options.now?.() ?? new Date()).toISOString(),
      });
      const skip = this.options.onError === 'skip';
      this.options.log?.(
        `Projection ${this.checkpointName} failed on ${event.type} at ${event.position}: ${message}; ${skip ? 'skipped' : 'stopped'}`,
      );
      return skip;
    }
  }
}

function idle(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}

import { waitForEventAfter, type EventStore, type RecordedEvent } from '@pact/event-store';
import type { ReadStore } from '@pact/read-store';
import type { Projection } from '../projection';
import { BatchTx, ReadStoreFailure } from './batch-tx';

export type OnProjectionError = 'stop' | 'skip';

export interface RunnerOptions {
  /** Appended to collection and checkpoint names: a rebuild writes beside the live collections. */
  readonly suffix?: string;
  readonly onError?: OnProjectionError;
  readonly batchSize?: number;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
}

/**
 * Feeds one projection from its checkpoint: pages of the log while behind, then a live subscription
 * to wake up when something new is appended. Each page commits with its checkpoint, so a crash
 * replays at most an uncommitted page, and the batch's position guard makes that replay harmless.
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
    const batchSize = this.options.batchSize ?? 500;
    const suffix = this.options.suffix ?? '';
    let last = checkpoint.position;
    while (!signal.aborted && (until === undefined || last < until)) {
      const events = await this.events.readAll({ after: last, maxCount: batchSize });
      if (events.length === 0) {
        if (until !== undefined) return;
        await waitForEventAfter(this.events, last, signal);
        continue;
      }
      const tx = new BatchTx(this.store, suffix);
      let failed = false;
      let applied = last;
      for (const event of events) {
        if (until !== undefined && event.position > until) break;
        if (!(await this.applyOne(event, tx))) {
          failed = true;
          break;
        }
        applied = event.position;
      }
      if (applied > last) await this.store.commit(this.checkpointName, tx.changes, applied);
      last = applied;
      // The embedded stores answer synchronously: let requests and timers run between pages.
      await new Promise((resolve) => setImmediate(resolve));
      if (failed) {
        await this.store.setStatus(this.checkpointName, 'stopped');
        return;
      }
    }
  }

  /**
   * False when the projection must stop on this event (after recording it as a dead letter). Only
   * what the projection's own code throws is a dead letter; a failing store throws on, and the
   * supervisor retries the batch.
   */
  private async applyOne(event: RecordedEvent, tx: BatchTx): Promise<boolean> {
    if (!this.projection.eventTypes.has(event.type)) return true;
    try {
      tx.beginEvent(event.position);
      await this.projection.apply(event, tx);
      await tx.keepEvent();
      return true;
    } catch (error) {
      tx.discardEvent();
      // The store failed, not the projection: the batch is retried from the checkpoint.
      if (error instanceof ReadStoreFailure) throw error;
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

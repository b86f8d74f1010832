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

/** A projection fed by a runner, and how far it has applied the log. */
interface Member {
  readonly projection: Projection;
  /** Its checkpoint's name: the projection's name with the runner's suffix. */
  readonly name: string;
  last: bigint;
}

/**
 * Feeds projections from their checkpoints: pages of the log while behind, then a live subscription
 * to wake up when something new is appended. Several projections share each page read (one read of
 * the log, not one per projection); each applies the events past its own checkpoint, and commits
 * its page with its checkpoint, so a crash replays at most an uncommitted page, and the batch's
 * position guard makes that replay harmless. A projection that stops on an event leaves the others
 * running.
 */
export class ProjectionRunner {
  private readonly projections: readonly Projection[];
  /** Appended to every collection and checkpoint name (a rebuild's shadow). */
  private readonly suffix: string;
  private controller?: AbortController;
  private running?: Promise<void>;

  constructor(
    projections: Projection | readonly Projection[],
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly options: RunnerOptions = {},
  ) {
    this.projections = Array.isArray(projections) ? projections : [projections as Projection];
    this.suffix = options.suffix ?? '';
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
        const names = this.projections.map((p) => p.name + this.suffix);
        this.options.log?.(
          `Projection ${names.join(', ')} interrupted: ${String(error)}; retrying in 1 s`,
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
    const members: Member[] = [];
    for (const projection of this.projections) {
      const name = projection.name + this.suffix;
      const checkpoint = await this.store.checkpoint(name);
      if (checkpoint.status !== 'stopped')
        members.push({ projection, name, last: checkpoint.position });
    }
    const batchSize = this.options.batchSize ?? 500;
    while (!signal.aborted && members.length > 0) {
      // The page starts after the projection furthest behind; the others skip what they have.
      const from = members.reduce((min, m) => (m.last < min ? m.last : min), members[0]!.last);
      if (until !== undefined && from >= until) return;
      const events = await this.events.readAll({ after: from, maxCount: batchSize });
      if (events.length === 0) {
        if (until !== undefined) return;
        await waitForEventAfter(this.events, from, signal);
        continue;
      }
      for (const member of [...members]) {
        if (signal.aborted) return;
        if (!(await this.applyPage(member, events, until))) {
          await this.store.setStatus(member.name, 'stopped');
          members.splice(members.indexOf(member), 1);
        }
        // The embedded stores answer synchronously: let requests and timers run between pages.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /**
   * Applies the page's events past the member's checkpoint and commits them with it; false when
   * the projection stopped on one of them (what it applied before that is committed).
   */
  private async applyPage(
    member: Member,
    events: readonly RecordedEvent[],
    until: bigint | undefined,
  ): Promise<boolean> {
    const tx = new BatchTx(this.store, this.suffix);
    let applied = member.last;
    let failed = false;
    for (const event of events) {
      if (until !== undefined && event.position > until) break;
      if (event.position <= member.last) continue;
      if (!(await this.applyOne(member, event, tx))) {
        failed = true;
        break;
      }
      applied = event.position;
    }
    if (applied > member.last) {
      await this.finishPage(member, tx, applied);
      await this.store.commit(member.name, tx.changes, applied);
    }
    member.last = applied;
    return !failed;
  }

  /**
   * The projection's per-page writes, as if by the page's last applied event: a document that
   * already reflects that event keeps what it holds. Not an event's failure, so no dead letter: an
   * error here interrupts the runner, which retries the page.
   */
  private async finishPage(member: Member, tx: BatchTx, applied: bigint): Promise<void> {
    if (!member.projection.finishPage) return;
    tx.beginEvent(applied);
    await member.projection.finishPage(tx);
    await tx.keepEvent();
  }

  /**
   * False when the projection must stop on this event (after recording it as a dead letter). Only
   * what the projection's own code throws is a dead letter; a failing store throws on, and the
   * supervisor retries the batch.
   */
  private async applyOne(member: Member, event: RecordedEvent, tx: BatchTx): Promise<boolean> {
    if (!member.projection.eventTypes.has(event.type)) return true;
    try {
      tx.beginEvent(event.position);
      await member.projection.apply(event, tx);
      await tx.keepEvent();
      return true;
    } catch (error) {
      tx.discardEvent();
      // The store failed, not the projection: the batch is retried from the checkpoint.
      if (error instanceof ReadStoreFailure) throw error;
      const message = error instanceof Error ? error.message : String(error);
      await this.store.addDeadLetter({
        projection: member.name,
        position: String(event.position),
        eventId: event.eventId,
        type: event.type,
        error: message,
        failedAt: (this.options.now?.() ?? new Date()).toISOString(),
      });
      const skip = this.options.onError === 'skip';
      this.options.log?.(
        `Projection ${member.name} failed on ${event.type} at ${event.position}: ${message}; ${skip ? 'skipped' : 'stopped'}`,
      );
      return skip;
    }
  }
}

import type { EventStore } from '@pact/event-store';
import type { ProjectionOperation, ReadStore } from '@pact/read-store';
import type { Projection } from './projection';
import { ProjectionRunner, type OnProjectionError } from './runner/projection-runner';

export interface ProjectionStatus {
  readonly name: string;
  readonly position: string;
  readonly head: string;
  /** Events in the log after the checkpoint (counted up to 100,000). */
  readonly lag: number;
  readonly status: 'running' | 'stopped';
  readonly deadLetters: number;
}

export interface ProjectorOptions {
  readonly onError?: OnProjectionError;
  readonly batchSize?: number;
  readonly log?: (message: string) => void;
  /** How long after a failed index creation it is tried again (5 s by default). */
  readonly indexRetryMs?: number;
  /** How often the running projector looks for operations other processes asked of it (1 s). */
  readonly operationPollMs?: number;
  readonly now?: () => Date;
}

const REBUILD_SUFFIX = '__rebuild';
/** Lag is counted in events, up to this many (a status read never walks the whole log). */
const LAG_CAP = 100_000;

/**
 * Runs every projection from its own checkpoint, all fed by one reader of the log, reports their
 * status, and rebuilds one without downtime.
 */
export class Projector {
  private live: ProjectionRunner;
  private indexRetry?: NodeJS.Timeout;
  private serving?: NodeJS.Timeout;
  private servingNow = false;

  constructor(
    private readonly projections: readonly Projection[],
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly options: ProjectorOptions = {},
  ) {
    this.live = this.runner(projections);
  }

  /**
   * Starts every runner. The declared indexes are created first; if that fails (the store is down),
   * the runners start anyway (they retry on their own) and the indexes are tried again until made.
   */
  async start(): Promise<void> {
    await this.ensureIndexes();
    this.live.start();
    this.serveOperations();
  }

  /** Whether this process runs the projections now (it holds the lease, or needs none). */
  get running(): boolean {
    return this.serving !== undefined;
  }

  /**
   * The running projector carries out the rebuilds and replays other processes queue with the read
   * models (the API and CLI of a deployment whose projector runs elsewhere), one at a time.
   */
  private serveOperations(): void {
    const every = this.options.operationPollMs ?? 1000;
    this.serving = setInterval(() => void this.servePending(), every);
    this.serving.unref();
  }

  private async servePending(): Promise<void> {
    if (this.servingNow) return;
    this.servingNow = true;
    try {
      for (const operation of await this.store.pendingOperations()) {
        if (!this.serving) return;
        const finished = await this.carryOut(operation);
        await this.store.finishOperation(finished);
      }
    } catch (error) {
      this.options.log?.(`Serving projection operations failed: ${String(error)}`);
    } finally {
      this.servingNow = false;
    }
  }

  /** Runs a queued operation here, and says how it ended. */
  async carryOut(operation: ProjectionOperation): Promise<ProjectionOperation> {
    const finishedAt = () => (this.options.now?.() ?? new Date()).toISOString();
    try {
      if (operation.kind === 'rebuild') {
        await this.rebuild(operation.name ?? '');
        return { ...operation, status: 'done', finishedAt: finishedAt() };
      }
      const replayed = await this.replayDeadLetters();
      return { ...operation, status: 'done', replayed, finishedAt: finishedAt() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ...operation, status: 'failed', error: message, finishedAt: finishedAt() };
    }
  }

  private async ensureIndexes(): Promise<void> {
    clearTimeout(this.indexRetry);
    this.indexRetry = undefined;
    try {
      await this.store.ensureIndexes(this.projections.flatMap((p) => p.indexes));
    } catch (error) {
      const delay = this.options.indexRetryMs ?? 5000;
      this.options.log?.(
        `Creating the read models' indexes failed: ${String(error)}; retrying in ${delay} ms`,
      );
      this.indexRetry = setTimeout(() => void this.ensureIndexes(), delay);
      this.indexRetry.unref();
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.indexRetry);
    this.indexRetry = undefined;
    clearInterval(this.serving);
    this.serving = undefined;
    await this.live.stop();
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.events.headPosition();
    const letters = await this.store.deadLetters();
    return Promise.all(
      this.projections.map(async (projection) => {
        const checkpoint = await this.store.checkpoint(projection.name);
        return {
          name: projection.name,
          position: String(checkpoint.position),
          head: String(head),
          lag:
            checkpoint.position >= head
              ? 0
              : await this.events.countAfter(checkpoint.position, LAG_CAP),
          status: checkpoint.status,
          deadLetters: letters.filter((l) => l.projection === projection.name).length,
        };
      }),
    );
  }

  /**
   * Builds fresh collections from position 0 beside the live ones, which keep serving; then pauses
   * the live runner (every projection, for the last events and the swap), catches up the last
   * events, swaps the collections in and drops the old ones.
   */
  async rebuild(name: string): Promise<void> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`No projection named ${name}`);
    const shadowCollections = projection.collections.map((c) => c + REBUILD_SUFFIX);
    await this.store.drop(shadowCollections, name + REBUILD_SUFFIX);
    const shadow = this.runner([projection], REBUILD_SUFFIX);
    await shadow.catchUp();
    await this.pausingLive(async () => {
      await shadow.catchUp();
      await this.store.swap(projection.collections, REBUILD_SUFFIX, name);
      await this.clearDeadLetters([name]);
    });
  }

  /** Stops the live runner for `work`, then starts a fresh one (each projection from its checkpoint). */
  private async pausingLive(work: () => Promise<void>): Promise<void> {
    await this.live.stop();
    try {
      await work();
    } finally {
      this.live = this.runner(this.projections);
      this.live.start();
    }
  }

  /**
   * After the cause of dead letters is fixed: a stopped projection restarts from its checkpoint (the
   * failed event first); one that skipped events is rebuilt, so they apply in order.
   */
  async replayDeadLetters(): Promise<string[]> {
    const replayed = await this.restartStopped();
    const letters = await this.store.deadLetters();
    for (const projection of this.projections) {
      if (
        replayed.includes(projection.name) ||
        !letters.some((l) => l.projection === projection.name)
      )
        continue;
      await this.rebuild(projection.name);
      replayed.push(projection.name);
    }
    return replayed;
  }

  private async restartStopped(): Promise<string[]> {
    const stopped: Projection[] = [];
    for (const projection of this.projections)
      if ((await this.store.checkpoint(projection.name)).status === 'stopped')
        stopped.push(projection);
    if (stopped.length === 0) return [];
    const names = stopped.map((projection) => projection.name);
    await this.pausingLive(async () => {
      await this.clearDeadLetters(names);
      for (const name of names) await this.store.setStatus(name, 'running');
    });
    return names;
  }

  /** Forgets the dead letters of these projections (rebuilt, or restarted at the failed event). */
  private async clearDeadLetters(names: readonly string[]): Promise<void> {
    for (const letter of await this.store.deadLetters())
      if (names.includes(letter.projection))
        await this.store.removeDeadLetter(letter.projection, letter.position);
  }

  private runner(projections: readonly Projection[], suffix?: string): ProjectionRunner {
    return new ProjectionRunner(projections, this.events, this.store, {
      ...(suffix ? { suffix } : {}),
      ...(this.options.onError ? { onError: this.options.onError } : {}),
      ...(this.options.batchSize ? { batchSize: this.options.batchSize } : {}),
      ...(this.options.log ? { log: this.options.log } : {}),
    });
  }
}

/** Waits until every projection has processed `position`; false on timeout. */
export async function waitForPosition(
  store: ReadStore,
  names: readonly string[],
  position: bigint,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const waiting = new Set(names);
  // One query per look, and looks further apart the longer the wait (10 ms, doubling up to 250 ms).
  for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
    for (const checkpoint of await store.checkpoints())
      if (checkpoint.position >= position) waiting.delete(checkpoint.name);
    if (waiting.size === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, deadline - Date.now())));
  }
}

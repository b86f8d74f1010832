import type { ProjectionOperation, ReadStore } from '@pact/read-store';
import { randomUUID } from 'node:crypto';
import type { Projector } from './projector';

export interface OperationOptions {
  /**
   * Whether this process may carry operations out itself: it runs the projections (it holds the
   * lease, or needs none), or its read store is the embedded one, which only it opens.
   */
  readonly local: () => boolean;
  /** How long a caller waits for the running projector to finish what it asked (30 s). */
  readonly waitMs?: number;
  readonly pollMs?: number;
  readonly now?: () => Date;
}

/**
 * Rebuilds and dead-letter replays, wherever they are asked for (the API, the CLI). Only the process
 * that runs the projections carries them out: rebuilding beside a projector that keeps writing to the
 * live collections would lose events at the swap and move the checkpoint back. Elsewhere the
 * operation is queued with the read models and the caller waits for its outcome.
 */
export class ProjectionOperations {
  constructor(
    private readonly projector: Projector,
    private readonly store: ReadStore,
    private readonly options: OperationOptions,
  ) {}

  rebuild(name: string): Promise<ProjectionOperation> {
    return this.perform({ kind: 'rebuild', name });
  }

  replayDeadLetters(): Promise<ProjectionOperation> {
    return this.perform({ kind: 'replay-dead-letters' });
  }

  /** A queued operation as it stands. */
  find(id: string): Promise<ProjectionOperation | undefined> {
    return this.store.operation(id);
  }

  /** The operation as it ended, or still `pending` when the running projector did not finish in time. */
  private async perform(
    what: Pick<ProjectionOperation, 'kind' | 'name'>,
  ): Promise<ProjectionOperation> {
    const operation: ProjectionOperation = {
      id: randomUUID(),
      ...what,
      requestedAt: (this.options.now?.() ?? new Date()).toISOString(),
      status: 'pending',
    };
    if (this.options.local()) return this.projector.carryOut(operation);
    await this.store.requestOperation(operation);
    const deadline = Date.now() + (this.options.waitMs ?? 30_000);
    for (;;) {
      const current = (await this.store.operation(operation.id)) ?? operation;
      if (current.status !== 'pending' || Date.now() >= deadline) return current;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 200));
    }
  }
}

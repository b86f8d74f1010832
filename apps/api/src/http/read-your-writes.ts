import { EVENT_STORE, waitForEventAfter, type EventStore } from '@pact/event-store';
import { PROJECTIONS, waitForPosition, type Projection } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Inject, Injectable } from '@nestjs/common';
import { problem, ProblemException } from './problem';
import type { QueryParams } from './query-params';

const WAIT_MS = 5000;

/**
 * `?minPosition=`: a query waits (up to 5 s) until what it reads has taken in that position, else
 * answers 503 with `Retry-After`. Queries of the read models wait for their checkpoints; queries that
 * fold streams of the log itself wait only for a position the log does not hold yet (every position
 * a command returned is already there).
 */
@Injectable()
export class ReadYourWrites {
  private readonly names: string[];

  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(EVENT_STORE) private readonly log: EventStore,
  ) {
    this.names = projections.map((p) => p.name);
  }

  /** For a query of the read models. */
  async reach(params: QueryParams): Promise<void> {
    const position = minPosition(params);
    if (position === undefined) return;
    if (!(await waitForPosition(this.store, this.names, position, WAIT_MS)))
      unreached('The read models have', position);
  }

  /** For a query that reads the log itself. */
  async reachLog(params: QueryParams): Promise<void> {
    const position = minPosition(params);
    if (position === undefined || (await this.log.headPosition()) >= position) return;
    try {
      await waitForEventAfter(this.log, position - 1n, AbortSignal.timeout(WAIT_MS));
    } catch {
      // Timed out (or the subscription ended): the log is looked at once more below.
    }
    if ((await this.log.headPosition()) < position) unreached('The log has', position);
  }
}

/** `minPosition`, when given, as a position; the query's other problems are thrown with its own. */
function minPosition(params: QueryParams): bigint | undefined {
  const position = params.matching('minPosition', /^\d{1,19}$/, 'a position returned by a command');
  params.done();
  return position === undefined ? undefined : BigInt(position);
}

function unreached(what: string, position: bigint): never {
  throw new ProblemException(
    problem(503, `${what} not reached position ${position} yet; retry shortly`),
    { 'retry-after': '1' },
  );
}

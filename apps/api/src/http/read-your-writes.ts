import { PROJECTIONS, waitForPosition, type Projection } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Inject, Injectable } from '@nestjs/common';
import { problem, ProblemException } from './problem';
import type { QueryParams } from './query-params';

const WAIT_MS = 5000;

/** `?minPosition=`: a query waits (up to 5 s) until the read models have processed that position. */
@Injectable()
export class ReadYourWrites {
  private readonly names: string[];

  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(PROJECTIONS) projections: Projection[],
  ) {
    this.names = projections.map((p) => p.name);
  }

  async reach(params: QueryParams): Promise<void> {
    const position = params.matching(
      'minPosition',
      /^\d{1,19}$/,
      'a position returned by a command',
    );
    params.done();
    if (position === undefined) return;
    if (!(await waitForPosition(this.store, this.names, BigInt(position), WAIT_MS))) {
      throw new ProblemException(
        problem(503, `The read models have not reached position ${position} yet; retry shortly`),
        { 'retry-after': '1' },
      );
    }
  }
}

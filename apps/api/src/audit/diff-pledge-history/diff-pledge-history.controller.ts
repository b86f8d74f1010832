import { pledgeStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { invalidInput, notFound } from '../../http/problem';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';
import { assertMayAudit } from '../pledge-access';
import { diffRevisions } from './revision-diff';

const DIFF_QUERY = ['from', 'to', 'minPosition'];

@Controller('v1/pledges')
export class DiffPledgeHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** What changed between two revisions (inclusive of `to`, exclusive of `from`), and through which events. */
  @Get(':id/history/diff')
  @AcceptsQuery(DIFF_QUERY)
  @Allow('participant', 'reviewer', 'admin')
  async diff(
    @Param('id') pledgeId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
  ) {
    const params = new QueryParams(query, DIFF_QUERY);
    const from = params.integer('from', 0, 1_000_000_000, -1);
    const to = params.integer('to', 0, 1_000_000_000, -1);
    if (from < 0) params.fail('from', 'is required', 'required');
    if (to < 0) params.fail('to', 'is required', 'required');
    await this.readYourWrites.reachLog(params);
    if (from > to)
      throw invalidInput('from must not be after to', [
        { field: 'from', message: 'must be at most to' },
      ]);
    await assertMayAudit(this.store, pledgeId, request.principal!);
    const events = await this.store.readStream(pledgeStream(pledgeId));
    if (to >= events.length) throw notFound(`The pledge has no revision ${to}`);
    return { pledgeId, from, to, ...diffRevisions(events, from, to) };
  }
}

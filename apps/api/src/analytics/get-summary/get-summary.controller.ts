import { CLOCK, type Clock } from '@pact/application';
import { analyticsSummary } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { FIGURE_COLUMNS, summaryRows } from '../figure-rows';
import { toCsv, wantsCsv } from '../../http/list-response';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

const SUMMARY_QUERY = ['minPosition'];

@Controller('v1/analytics')
export class GetSummaryController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /**
   * Uptake per commitment, spread by country, sector, size and role, reporting compliance,
   * milestones; to `Accept: text/csv`, the same figures a row each (figure, key, value).
   */
  @Get('summary')
  @AcceptsQuery(SUMMARY_QUERY)
  @Allow('analyst', 'reviewer', 'admin')
  async summary(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.readYourWrites.reach(new QueryParams(query, SUMMARY_QUERY));
    const summary = await analyticsSummary(this.store, this.clock.now());
    if (!wantsCsv(request)) return summary;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    return toCsv(summaryRows(summary), FIGURE_COLUMNS);
  }
}

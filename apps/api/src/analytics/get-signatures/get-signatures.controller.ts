import { signaturesPerPeriod, type SignaturePeriod } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { toCsv, wantsCsv } from '../../http/list-response';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

const SIGNATURES_QUERY = ['interval', 'minPosition'];

@Controller('v1/analytics')
export class GetSignaturesController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** Pledges signed and withdrawn per month (or year), every period in the range included. */
  @Get('signatures')
  @AcceptsQuery(SIGNATURES_QUERY)
  @Allow('analyst', 'reviewer', 'admin')
  async signatures(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const params = new QueryParams(query, SIGNATURES_QUERY);
    const interval = params.oneOf('interval', ['month', 'year'] as const) ?? 'month';
    await this.readYourWrites.reach(params);
    const periods = await signaturesPerPeriod(this.store, interval);
    if (!wantsCsv(request)) return periods;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    return toCsv<SignaturePeriod>(periods, ['period', 'signed', 'withdrawn']);
  }
}

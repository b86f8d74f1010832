import { CLOCK, type Clock } from '@pact/application';
import { analyticsSummary } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Allow } from '../../auth/access.decorator';
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

  /** Uptake per commitment, spread by country, sector, size and role, reporting compliance, milestones. */
  @Get('summary')
  @AcceptsQuery(SUMMARY_QUERY)
  @Allow('analyst', 'reviewer', 'admin')
  async summary(@Query() query: Record<string, unknown>) {
    await this.readYourWrites.reach(new QueryParams(query, SUMMARY_QUERY));
    return analyticsSummary(this.store, this.clock.now());
  }
}

import { APP_CONFIG, loadTimeline, type AppConfig } from '@pact/application';
import { previousTimeline, timelineInForce } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { provisionAnalytics } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Allow } from '../../auth/access.decorator';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

const PROVISIONS_QUERY = ['minPosition'];

@Controller('v1/analytics')
export class GetProvisionsController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /**
   * Per AI Act provision, the actions planned before and after the date it applies from, under the
   * timeline in force and under the version before.
   */
  @Get('provisions')
  @AcceptsQuery(PROVISIONS_QUERY)
  @Allow('analyst', 'reviewer', 'admin')
  async provisions(@Query() query: Record<string, unknown>) {
    await this.readYourWrites.reach(new QueryParams(query, PROVISIONS_QUERY));
    const { state } = await loadTimeline(this.store, this.config.aiActTimelineBase);
    return provisionAnalytics(this.readStore, timelineInForce(state), previousTimeline(state));
  }
}

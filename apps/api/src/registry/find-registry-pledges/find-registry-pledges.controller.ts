import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@pact/application';
import { findRegistryPledges, REGISTRY_ITEM_FIELDS } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Anyone } from '../../auth/access.decorator';
import { hasRole } from '../../auth/principal';
import { LIST_PARAMS, listWindow, sendList } from '../../http/list-response';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';
import { REGISTRY_FILTERS, registryFilters, registryOrder } from './registry-filters';

const REGISTRY_QUERY = [...LIST_PARAMS, ...REGISTRY_FILTERS];

@Controller('v1/registry')
export class FindRegistryPledgesController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** The public registry: published pledges for anyone; every pledge for analysts, reviewers and admins. */
  @Get('pledges')
  @AcceptsQuery(REGISTRY_QUERY)
  @Anyone()
  async find(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const params = new QueryParams(query, REGISTRY_QUERY);
    const filters = registryFilters(params);
    const order = registryOrder(filters.sort);
    const window = listWindow(params, order);
    await this.readYourWrites.reach(params);
    const page = await findRegistryPledges(this.store, {
      ...filters,
      ...window,
      publishedOnly: !hasRole(request.principal!, 'analyst', 'reviewer', 'admin'),
      now: this.clock.now(),
      reporting: this.config.reporting,
    });
    return sendList(request, reply, page, REGISTRY_ITEM_FIELDS, order);
  }
}

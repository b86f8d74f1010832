import { findPractices } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Anyone } from '../../auth/access.decorator';
import { LIST_PARAMS, listWindow, sendList } from '../../http/list-response';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';
import {
  PRACTICE_COLUMNS,
  PRACTICE_FILTERS,
  PRACTICES_ORDER,
  practiceFilters,
} from './practice-filters';

const PRACTICES_QUERY = [...LIST_PARAMS, ...PRACTICE_FILTERS];

@Controller('v1/practices')
export class FindPracticesController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** Published practices for anyone; every practice not withdrawn for key holders. `q` searches title, summary and tags. */
  @Get()
  @AcceptsQuery(PRACTICES_QUERY)
  @Anyone()
  async find(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const params = new QueryParams(query, PRACTICES_QUERY);
    const filters = practiceFilters(params);
    const window = listWindow(params, PRACTICES_ORDER);
    await this.readYourWrites.reach(params);
    const page = await findPractices(this.store, {
      ...filters,
      ...window,
      publishedOnly: request.principal?.kind !== 'key',
    });
    return sendList(request, reply, page, PRACTICE_COLUMNS, PRACTICES_ORDER);
  }
}

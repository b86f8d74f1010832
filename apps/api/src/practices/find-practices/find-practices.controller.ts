import { IMPLEMENTATION_LEVELS } from '@pact/domain';
import { findPractices, type PracticeItem } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Anyone } from '../../auth/access.decorator';
import { LIST_PARAMS, listWindow, sendList } from '../../http/list-response';
import { QueryParams, withoutUndefined, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

const COLUMNS: (keyof PracticeItem)[] = [
  'practiceId',
  'organisationId',
  'title',
  'summary',
  'category',
  'implementationLevel',
  'tags',
  'language',
  'status',
  'sharedAt',
  'publishedAt',
];

const PRACTICES_QUERY = [
  ...LIST_PARAMS,
  'q',
  'category',
  'implementationLevel',
  'organisationId',
  'language',
];

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
    const filters = {
      q: params.text('q'),
      category: params.text('category', 100),
      implementationLevel: params.oneOf('implementationLevel', IMPLEMENTATION_LEVELS),
      organisationId: params.text('organisationId', 100),
      language: params.matching('language', /^[a-z]{2}$/, 'an ISO 639-1 code'),
    };
    const window = listWindow(params);
    await this.readYourWrites.reach(params);
    const page = await findPractices(this.store, {
      ...withoutUndefined(filters),
      ...window,
      publishedOnly: request.principal?.kind !== 'key',
    });
    return sendList(request, reply, page, COLUMNS);
  }
}

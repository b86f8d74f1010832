import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Anyone } from '../../auth/access.decorator';
import { notFound } from '../../http/problem';
import { AcceptsQuery, QueryParams } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';
import { readPractice } from './read-practice';

@Controller('v1/practices')
export class GetPracticeController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** As the list shows them (`readPractice`), with the sharing organisation's name. */
  @Get(':id')
  @AcceptsQuery(['minPosition'])
  @Anyone()
  async get(
    @Param('id') practiceId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.readYourWrites.reachLog(QueryParams.among(query, ['minPosition']));
    const practice = await readPractice(this.store, practiceId, request.principal!);
    if (!practice) throw notFound('Practice not found');
    const { state, revision, organisationName } = practice;
    void reply.header('etag', `"${revision}"`);
    return { ...state, organisationName, revision };
  }
}

import { load } from '@pact/application';
import { practiceDecider, practiceStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Anyone } from '../../auth/access.decorator';
import { hasRole, isMemberOf } from '../../auth/principal';
import { notFound } from '../../http/problem';
import { AcceptsQuery, QueryParams } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

@Controller('v1/practices')
export class GetPracticeController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /**
   * As the list shows them: anyone reads a published practice, every key holder one that is not
   * withdrawn, and its owner, reviewers and admins a withdrawn one too.
   */
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
    const { state, revision } = await load(this.store, practiceDecider, practiceStream(practiceId));
    if (state.status === 'none') throw notFound('Practice not found');
    const principal = request.principal!;
    const holdsKey = principal.kind === 'key';
    const privileged =
      isMemberOf(principal, state.organisationId) || hasRole(principal, 'reviewer', 'admin');
    const visible =
      state.status === 'published' || privileged || (state.status !== 'withdrawn' && holdsKey);
    if (!visible) throw notFound('Practice not found');
    void reply.header('etag', `"${revision}"`);
    return { ...state, revision };
  }
}

import { load } from '@pact/application';
import { organisationDecider, organisationStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { hasRole, isMemberOf } from '../../auth/principal';
import { notFound } from '../../http/problem';
import { AcceptsQuery, QueryParams } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

@Controller('v1/organisations')
export class GetOrganisationController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** The profile with its contact: for the organisation's participants, reviewers and admins. */
  @Get(':id')
  @AcceptsQuery(['minPosition'])
  @Allow('participant', 'reviewer', 'admin')
  async get(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.readYourWrites.reachLog(QueryParams.among(query, ['minPosition']));
    const principal = request.principal!;
    if (!isMemberOf(principal, id) && !hasRole(principal, 'reviewer', 'admin'))
      throw notFound('Organisation not found');
    const { state, revision } = await load(this.store, organisationDecider, organisationStream(id));
    if (state.status === 'none') throw notFound('Organisation not found');
    const { status: _status, ...profile } = state;
    void reply.header('etag', `"${revision}"`);
    return { ...profile, revision };
  }
}

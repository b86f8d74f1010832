import { load } from '@pact/application';
import { practiceDecider, practiceStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Anyone } from '../../auth/access.decorator';
import { hasRole, isMemberOf } from '../../auth/principal';
import { notFound } from '../../http/problem';

@Controller('v1/practices')
export class GetPracticeController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * As the list shows them: anyone reads a published practice, every key holder one that is not
   * withdrawn, and its owner, reviewers and admins a withdrawn one too.
   */
  @Get(':id')
  @Anyone()
  async get(
    @Param('id') practiceId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
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

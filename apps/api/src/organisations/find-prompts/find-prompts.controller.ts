import { organisationStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { findNotices, findPrompts, NOTICE_CSV_FIELDS, PROMPT_FIELDS } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { hasRole, isMemberOf } from '../../auth/principal';
import { LIST_PARAMS, listWindow, sendList } from '../../http/list-response';
import { notFound } from '../../http/problem';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

const PROMPTS_QUERY = [...LIST_PARAMS];

/** The inbox's two lists, each in one order, as their cursors name them. */
const PROMPTS_ORDER = 'prompts';
const NOTICES_ORDER = 'notices';

@Controller('v1/organisations')
export class FindPromptsController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** The organisation's reporting prompts, newest first. */
  @Get(':id/prompts')
  @AcceptsQuery(PROMPTS_QUERY)
  @Allow('participant', 'reviewer', 'admin')
  async find(
    @Param('id') organisationId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const window = await this.inboxWindow(request, organisationId, query, PROMPTS_ORDER);
    const page = await findPrompts(this.store, organisationId, window);
    return sendList(request, reply, page, PROMPT_FIELDS, PROMPTS_ORDER);
  }

  /** The organisation's AI Act timeline notices, newest first: the other half of its inbox. */
  @Get(':id/notices')
  @AcceptsQuery(PROMPTS_QUERY)
  @Allow('participant', 'reviewer', 'admin')
  async notices(
    @Param('id') organisationId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const window = await this.inboxWindow(request, organisationId, query, NOTICES_ORDER);
    const page = await findNotices(this.store, organisationId, window);
    return sendList(request, reply, page, NOTICE_CSV_FIELDS, NOTICES_ORDER);
  }

  private async inboxWindow(
    request: FastifyRequest,
    organisationId: string,
    query: Record<string, unknown>,
    order: string,
  ) {
    const principal = request.principal!;
    if (!isMemberOf(principal, organisationId)) {
      if (!hasRole(principal, 'reviewer', 'admin')) throw notFound('Organisation not found');
      // Staff asking after an organisation that was never registered are told so, not shown an
      // empty inbox (a participant's key is bound to its registered organisation).
      const [registered] = await this.events.readStream(organisationStream(organisationId), {
        maxCount: 1,
      });
      if (!registered) throw notFound('Organisation not found');
    }
    const params = new QueryParams(query, PROMPTS_QUERY);
    const window = listWindow(params, order);
    await this.readYourWrites.reach(params);
    return window;
  }
}

import { findReviewQueue, REVIEW_QUEUE_FIELDS, REVIEW_STATUSES } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { LIST_PARAMS, listWindow, sendList } from '../../http/list-response';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

const REVIEW_QUEUE_QUERY = [...LIST_PARAMS, 'status', 'pledgeId', 'q'];

/** The review queue's one order, as its cursors name it. */
const REVIEW_QUEUE_ORDER = 'review-queue';

@Controller('v1/review-queue')
export class FindReviewQueueController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** Milestone reports for reviewers, oldest first; `status=pending` (default) or any review outcome. */
  @Get()
  @AcceptsQuery(REVIEW_QUEUE_QUERY)
  @Allow('reviewer', 'admin')
  async find(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const params = new QueryParams(query, REVIEW_QUEUE_QUERY);
    const status = params.oneOf('status', REVIEW_STATUSES) ?? 'pending';
    const pledgeId = params.text('pledgeId', 100);
    const q = params.text('q');
    const window = listWindow(params, REVIEW_QUEUE_ORDER);
    await this.readYourWrites.reach(params);
    const page = await findReviewQueue(this.store, {
      status,
      ...(pledgeId ? { pledgeId } : {}),
      ...(q ? { q } : {}),
      ...window,
    });
    return sendList(request, reply, page, REVIEW_QUEUE_FIELDS, REVIEW_QUEUE_ORDER);
  }
}

import { containsText, findPage } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { LIST_PARAMS, listWindow, sendList } from '../../http/list-response';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

interface ReviewQueueItem {
  milestoneId: string;
  pledgeId: string;
  organisationId: string;
  commitmentCode: string;
  cycle: number;
  summary: string;
  reportedAt: string;
  reviewStatus: string;
  reviewedAt?: string;
}

const COLUMNS: (keyof ReviewQueueItem)[] = [
  'milestoneId',
  'pledgeId',
  'organisationId',
  'commitmentCode',
  'cycle',
  'summary',
  'reportedAt',
  'reviewStatus',
  'reviewedAt',
];

const REVIEW_QUEUE_QUERY = [...LIST_PARAMS, 'status', 'pledgeId', 'q'];

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
    const status =
      params.oneOf('status', ['pending', 'accepted', 'clarification-requested', 'all'] as const) ??
      'pending';
    const pledgeId = params.text('pledgeId', 100);
    const q = params.text('q');
    const window = listWindow(params);
    await this.readYourWrites.reach(params);
    const match = {
      ...(status === 'all' ? {} : { reviewStatus: status }),
      ...(pledgeId ? { pledgeId } : {}),
      ...(q ? { summary: containsText(q) } : {}),
    };
    const page = await findPage<ReviewQueueItem>(this.store, 'milestones', {
      match,
      sort: { reportedAt: 1 },
      ...window,
      shape: [{ $project: { _id: 0, reviewComment: 0, _position: 0 } }],
    });
    return sendList(request, reply, page, COLUMNS);
  }
}

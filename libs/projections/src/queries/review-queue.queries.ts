import type { ReadStore } from '@pact/read-store';
import { containsText, findPage, type Page } from './page';

export interface ReviewQueueItem {
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

export const REVIEW_STATUSES = ['pending', 'accepted', 'clarification-requested', 'all'] as const;

export interface ReviewQueueQuery {
  readonly status: (typeof REVIEW_STATUSES)[number];
  readonly pledgeId?: string;
  readonly q?: string;
  readonly offset: number;
  readonly limit: number;
}

/** Milestone reports for reviewers, oldest first. */
export function findReviewQueue(
  store: ReadStore,
  query: ReviewQueueQuery,
): Promise<Page<ReviewQueueItem>> {
  const match = {
    ...(query.status === 'all' ? {} : { reviewStatus: query.status }),
    ...(query.pledgeId ? { pledgeId: query.pledgeId } : {}),
    ...(query.q ? { summary: containsText(query.q) } : {}),
  };
  return findPage<ReviewQueueItem>(store, 'milestones', {
    match,
    sort: { reportedAt: 1 },
    offset: query.offset,
    limit: query.limit,
    shape: [{ $project: { _id: 0, reviewComment: 0, _position: 0 } }],
  });
}

import type { ReadStore } from '@pact/read-store';
import { containsText, findPage, pick, type Page } from './page';

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
  /** The keyset of the previous page's last item (from its cursor). */
  readonly after?: readonly unknown[];
}

/** A review-queue item's fields, in the order lists and CSV exports give them. */
export const REVIEW_QUEUE_FIELDS = [
  'milestoneId',
  'pledgeId',
  'organisationId',
  'commitmentCode',
  'cycle',
  'summary',
  'reportedAt',
  'reviewStatus',
  'reviewedAt',
] as const satisfies readonly (keyof ReviewQueueItem)[];

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
    after: query.after,
    limit: query.limit,
    shape: (document) => pick<ReviewQueueItem>(document, REVIEW_QUEUE_FIELDS),
  });
}

import type { ReportingConfig } from '@pact/domain';
import type { ReadStore } from '@pact/read-store';
import { containsText, findPage, pick, type Page } from './page';
import type { PledgeDocument } from '../registry/registry.documents';
import {
  reportingStatusFilter,
  reportingStatusOf,
  reportingWindows,
  type ReportingStatusName,
} from './reporting-status.expression';

export const REGISTRY_SORTS = ['signedAt', '-signedAt', 'name', '-name'] as const;
export type RegistrySort = (typeof REGISTRY_SORTS)[number];
/** Newest signatures first, when no sort is asked for. */
export const DEFAULT_REGISTRY_SORT: RegistrySort = '-signedAt';

export interface RegistryQuery {
  readonly country?: string;
  readonly sector?: string;
  readonly size?: string;
  readonly role?: string;
  readonly commitment?: string;
  readonly reportingStatus?: ReportingStatusName;
  readonly status?: string;
  readonly q?: string;
  /** Inclusive lower bound, an ISO instant. */
  readonly signedFrom?: string;
  /** Exclusive upper bound, an ISO instant. */
  readonly signedBefore?: string;
  readonly sort?: RegistrySort;
  readonly offset: number;
  readonly limit: number;
  /** The keyset of the previous page's last item (from its cursor). */
  readonly after?: readonly unknown[];
  /** The public sees published pledges only. */
  readonly publishedOnly: boolean;
  readonly now: Date;
  /** The reporting configuration the registry was projected with: bounds a status filter's range. */
  readonly reporting?: ReportingConfig;
}

export interface RegistryItem {
  pledgeId: string;
  organisationId: string;
  organisationName: string;
  country: string;
  sector: string;
  size: string;
  roles: string[];
  status: string;
  signedAt: string;
  publishedAt?: string;
  commitments: string[];
  reportingStatus: string;
  nextDueAt: string | null;
  lastReportedAt?: string;
}

/** A registry item's fields, in the order lists and CSV exports give them. */
export const REGISTRY_ITEM_FIELDS = [
  'pledgeId',
  'organisationId',
  'organisationName',
  'country',
  'sector',
  'size',
  'roles',
  'status',
  'signedAt',
  'publishedAt',
  'commitments',
  'reportingStatus',
  'nextDueAt',
  'lastReportedAt',
] as const satisfies readonly (keyof RegistryItem)[];

const SORTS: Record<RegistrySort, Record<string, 1 | -1>> = {
  signedAt: { signedAt: 1 },
  '-signedAt': { signedAt: -1 },
  name: { organisationName: 1 },
  '-name': { organisationName: -1 },
};

export async function findRegistryPledges(
  store: ReadStore,
  query: RegistryQuery,
): Promise<Page<RegistryItem>> {
  const match: Record<string, unknown> = {};
  // The public sees published pledges only: asking it for another status finds nothing.
  const visible = query.publishedOnly ? ['published'] : ['signed', 'published', 'withdrawn'];
  const wanted = query.status ? [query.status] : visible;
  match['status'] = { $in: wanted.filter((status) => visible.includes(status)) };
  for (const field of ['country', 'sector', 'size'] as const)
    if (query[field]) match[field] = query[field];
  if (query.role) match['roles'] = query.role;
  if (query.commitment) match['commitments'] = query.commitment;
  if (query.q) match['organisationName'] = containsText(query.q);
  if (query.signedFrom || query.signedBefore) {
    match['signedAt'] = {
      ...(query.signedFrom ? { $gte: query.signedFrom } : {}),
      ...(query.signedBefore ? { $lt: query.signedBefore } : {}),
    };
  }
  const now = query.now.toISOString();
  const filter = query.reportingStatus
    ? {
        $and: [
          match,
          reportingStatusFilter(
            query.reportingStatus,
            now,
            query.reporting && reportingWindows(query.reporting),
          ),
        ],
      }
    : match;
  return findPage<RegistryItem>(store, 'pledges', {
    match: filter,
    sort: SORTS[query.sort ?? DEFAULT_REGISTRY_SORT],
    offset: query.offset,
    after: query.after,
    limit: query.limit,
    shape: (document) => {
      const pledge = document as PledgeDocument;
      return {
        // The stored fields; the two computed ones (absent from the document) follow.
        ...pick<RegistryItem>(document, REGISTRY_ITEM_FIELDS),
        reportingStatus: reportingStatusOf(pledge, now),
        // A withdrawn pledge is prompted no more: nothing is due.
        nextDueAt: pledge.status === 'withdrawn' ? null : pledge.dueAt,
      };
    },
  });
}

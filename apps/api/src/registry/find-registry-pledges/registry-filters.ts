import { commitmentCatalogue, NACE_SECTIONS, ORGANISATION_SIZES, ROLES } from '@pact/domain';
import { isISO31661Alpha2 } from 'class-validator';
import {
  DEFAULT_REGISTRY_SORT,
  REGISTRY_SORTS,
  REPORTING_STATUSES,
  type RegistrySort,
} from '@pact/projections';
import { withoutUndefined, type QueryParams } from '../../http/query-params';

export const REGISTRY_FILTERS = [
  'country',
  'sector',
  'size',
  'role',
  'commitment',
  'reportingStatus',
  'status',
  'q',
  'signedFrom',
  'signedTo',
  'sort',
] as const;

/** The registry's order as its cursors name it: a cursor serves only the order it was given in. */
export const registryOrder = (sort: RegistrySort | undefined) =>
  `registry:${sort ?? DEFAULT_REGISTRY_SORT}`;

export const PLEDGE_STATUSES = ['signed', 'published', 'withdrawn'] as const;

/** The registry's filters and sort from a query string: the API's and the registry page's. */
export function registryFilters(params: QueryParams) {
  const signedFrom = params.instant('signedFrom');
  const signedBefore = params.instant('signedTo', 'until');
  // An empty range is a mistake, not a question: `signedTo` is inclusive, so equal bounds are a day.
  if (signedFrom && signedBefore && signedBefore <= signedFrom)
    params.fail('signedTo', 'must not be before signedFrom', 'date-order');
  return withoutUndefined({
    // Codes are registered in upper case; `de` asks for the same country as `DE`.
    country: params
      .satisfying('country', isISO31661Alpha2, 'an ISO 3166-1 alpha-2 code', 'country')
      ?.toUpperCase(),
    sector: params.oneOf('sector', NACE_SECTIONS),
    size: params.oneOf('size', ORGANISATION_SIZES),
    role: params.oneOf('role', ROLES),
    commitment: params.satisfying(
      'commitment',
      (code) => commitmentCatalogue.find(code) !== undefined,
      'a commitment code of the catalogue',
      'commitment-unknown',
    ),
    reportingStatus: params.oneOf('reportingStatus', REPORTING_STATUSES),
    status: params.oneOf('status', PLEDGE_STATUSES),
    q: params.text('q'),
    signedFrom,
    signedBefore,
    sort: params.oneOf('sort', REGISTRY_SORTS),
  });
}

import { IMPLEMENTATION_LEVELS } from '@pact/domain';
import type { PracticeItem } from '@pact/projections';
import { withoutUndefined, type QueryParams } from '../../http/query-params';

/** The practices list's one order, as its cursors name it. */
export const PRACTICES_ORDER = 'practices';

export const PRACTICE_FILTERS = [
  'q',
  'category',
  'implementationLevel',
  'organisationId',
  'language',
] as const;

export const PRACTICE_COLUMNS: (keyof PracticeItem)[] = [
  'practiceId',
  'organisationId',
  'organisationName',
  'title',
  'summary',
  'category',
  'implementationLevel',
  'tags',
  'language',
  'status',
  'sharedAt',
  'publishedAt',
];

/** The practices library's filters from a query string: the API's and the practices page's. */
export function practiceFilters(params: QueryParams) {
  return withoutUndefined({
    q: params.text('q'),
    category: params.text('category', 100),
    implementationLevel: params.oneOf('implementationLevel', IMPLEMENTATION_LEVELS),
    organisationId: params.uuid('organisationId', 'an organisation id (a UUID)'),
    language: params.matching('language', /^[a-z]{2}$/, 'an ISO 639-1 code'),
  });
}

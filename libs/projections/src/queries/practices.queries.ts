import type { ReadStore } from '@pact/read-store';
import type { OrganisationDocument } from '../registry/registry.documents';
import { containsText, findPage, pick, type Page } from './page';

export interface PracticesQuery {
  readonly q?: string;
  readonly category?: string;
  readonly implementationLevel?: string;
  readonly organisationId?: string;
  readonly language?: string;
  readonly offset: number;
  readonly limit: number;
  /** The keyset of the previous page's last item (from its cursor). */
  readonly after?: readonly unknown[];
  /** Anonymous callers see published practices; others see every practice not withdrawn. */
  readonly publishedOnly: boolean;
  /** One status among those visible (`submitted`, awaiting review, say). */
  readonly status?: string;
  /** Newest first unless told otherwise (a review queue takes the oldest first). */
  readonly oldestFirst?: boolean;
}

export interface PracticeItem {
  practiceId: string;
  organisationId: string;
  /** The sharing organisation's name as the registry holds it now (absent until it has the organisation). */
  organisationName?: string;
  title: string;
  summary: string;
  body: string;
  category: string;
  implementationLevel: string;
  tags: string[];
  language: string;
  status: string;
  publicationConsent: boolean;
  sharedAt: string;
  publishedAt?: string;
}

const PRACTICE_FIELDS = [
  'practiceId',
  'organisationId',
  'title',
  'summary',
  'body',
  'category',
  'implementationLevel',
  'tags',
  'language',
  'status',
  'publicationConsent',
  'sharedAt',
  'publishedAt',
] as const;

export async function findPractices(
  store: ReadStore,
  query: PracticesQuery,
): Promise<Page<PracticeItem>> {
  const visible = query.publishedOnly ? 'published' : { $ne: 'withdrawn' };
  const match: Record<string, unknown> = {
    status:
      query.status === undefined
        ? visible
        : query.publishedOnly && query.status !== 'published'
          ? { $in: [] }
          : query.status === 'withdrawn'
            ? { $in: [] }
            : query.status,
  };
  for (const field of ['category', 'implementationLevel', 'organisationId', 'language'] as const)
    if (query[field]) match[field] = query[field];
  if (query.q) {
    const text = containsText(query.q);
    match['$or'] = [
      { title: text },
      { summary: text },
      { tags: text },
      { organisationId: { $in: await organisationsNamed(store, text) } },
    ];
  }
  const page = await findPage<PracticeItem>(store, 'practices', {
    match,
    sort: { sharedAt: query.oldestFirst ? 1 : -1 },
    offset: query.offset,
    after: query.after,
    limit: query.limit,
    shape: (document) => pick<PracticeItem>(document, PRACTICE_FIELDS),
  });
  return { ...page, items: await withOrganisationNames(store, page.items) };
}

/**
 * The ids of the organisations whose name the text matches: a practice is found by its sharer's
 * name. A page of the store (its filter, not an aggregation: on the embedded store a tenth of the
 * time at 100,000 organisations), taken whole; few names match, so one page almost always holds all.
 */
async function organisationsNamed(
  store: ReadStore,
  text: ReturnType<typeof containsText>,
): Promise<string[]> {
  const query = { filter: { name: text }, sort: { _id: 1 as const } };
  let found = await store.page('organisations', { ...query, limit: 1000 });
  if (found.total > found.documents.length)
    found = await store.page('organisations', { ...query, limit: found.total });
  return found.documents.map((organisation) => organisation._id);
}

/**
 * Each practice with the name of the organisation that shared it, from the registry's organisations
 * (one read per organisation on the page): a renamed organisation's practices show its new name.
 */
async function withOrganisationNames(
  store: ReadStore,
  items: readonly PracticeItem[],
): Promise<PracticeItem[]> {
  const ids = [...new Set(items.map((item) => item.organisationId))];
  const organisations = await Promise.all(
    ids.map((id) => store.findById<OrganisationDocument>('organisations', id)),
  );
  const names = new Map(ids.map((id, i) => [id, organisations[i]?.name]));
  return items.map((item) => {
    const organisationName = names.get(item.organisationId);
    return organisationName === undefined ? item : { ...item, organisationName };
  });
}

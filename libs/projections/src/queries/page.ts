import { keysetOf, type ReadDocument, type ReadStore } from '@pact/read-store';

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly offset: number;
  /** Whether another page follows this one. */
  readonly more: boolean;
  /** The sort key of the page's last document: where the next page starts (a keyset cursor). */
  readonly after?: readonly unknown[];
}

/** Where a page starts: after a keyset when the caller has one (cheap at any depth), else an offset. */
export interface PageWindow {
  readonly offset: number;
  readonly limit: number;
  readonly after?: readonly unknown[];
}

export interface PageQuery<T> extends PageWindow {
  readonly match: Record<string, unknown>;
  readonly sort: Record<string, 1 | -1>;
  /** What a caller sees of each document on the page (computed fields, the fields it may see). */
  readonly shape: (document: ReadDocument) => T;
}

/**
 * One page and the total. The page walks the index its filter and sort were declared for, from the
 * keyset on; the shape then runs on the page's documents alone, the same for both engines.
 */
export async function findPage<T>(
  store: ReadStore,
  collection: string,
  query: PageQuery<T>,
): Promise<Page<T>> {
  const { documents, total } = await store.page(collection, {
    filter: query.match,
    sort: query.sort,
    after: query.after,
    skip: query.after ? 0 : query.offset,
    limit: query.limit + 1,
  });
  const page = documents.slice(0, query.limit);
  const last: ReadDocument | undefined = page[page.length - 1];
  return {
    items: page.map(query.shape),
    total,
    offset: query.offset,
    more: documents.length > query.limit,
    after: last && keysetOf(last, query.sort),
  };
}

/** A case-insensitive substring match on user text, with every regex character escaped. */
export function containsText(text: string): { $regex: string; $options: string } {
  return { $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
}

/**
 * A read model's own projection: the named fields of a document that it has, in that order (what
 * `$project: {field: 1}` gives). The document is the read model's, so it holds the item's fields.
 */
export function pick<T>(document: ReadDocument, fields: readonly (keyof T & string)[]): T {
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (document[field] !== undefined) picked[field] = document[field];
  return picked as T;
}

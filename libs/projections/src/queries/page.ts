import type { Pipeline, ReadStore } from '@pact/read-store';

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly offset: number;
}

export interface PageQuery {
  readonly match: Record<string, unknown>;
  readonly sort: Record<string, 1 | -1>;
  readonly offset: number;
  readonly limit: number;
  /** Stages run on the page only (computed fields, projection). */
  readonly shape: Pipeline;
}

/** One page and the total: two plain pipelines, cheaper than a $facet on both engines. */
export async function findPage<T>(
  store: ReadStore,
  collection: string,
  query: PageQuery,
): Promise<Page<T>> {
  const [items, counted] = await Promise.all([
    store.aggregate<T>(collection, [
      { $match: query.match },
      { $sort: { ...query.sort, _id: 1 } },
      { $skip: query.offset },
      { $limit: query.limit },
      ...query.shape,
    ]),
    store.aggregate<{ n: number }>(collection, [{ $match: query.match }, { $count: 'n' }]),
  ]);
  return { items, total: counted[0]?.n ?? 0, offset: query.offset };
}

/** A case-insensitive substring match on user text, with every regex character escaped. */
export function containsText(text: string): { $regex: string; $options: string } {
  return { $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
}

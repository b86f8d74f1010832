import type { ReadStore } from '@pact/read-store';

export interface PublicFigures {
  organisations: number;
  publishedPledges: number;
  publishedPractices: number;
}

async function count(store: ReadStore, collection: string, match: Record<string, unknown>) {
  const [counted] = await store.aggregate<{ n: number }>(collection, [
    { $match: match },
    { $count: 'n' },
  ]);
  return counted?.n ?? 0;
}

/** The headline figures anyone may see: no names, only counts. */
export async function publicFigures(store: ReadStore): Promise<PublicFigures> {
  const [organisations, publishedPledges, publishedPractices] = await Promise.all([
    count(store, 'organisations', {}),
    count(store, 'pledges', { status: 'published' }),
    count(store, 'practices', { status: 'published' }),
  ]);
  return { organisations, publishedPledges, publishedPractices };
}

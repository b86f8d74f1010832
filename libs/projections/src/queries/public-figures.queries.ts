import type { ReadStore } from '@pact/read-store';

export interface PublicFigures {
  organisations: number;
  publishedPledges: number;
  publishedPractices: number;
}

/** The headline figures anyone may see: no names, only counts. */
export async function publicFigures(store: ReadStore): Promise<PublicFigures> {
  const [organisations, publishedPledges, publishedPractices] = await Promise.all([
    store.count('organisations', {}),
    store.count('pledges', { status: 'published' }),
    store.count('practices', { status: 'published' }),
  ]);
  return { organisations, publishedPledges, publishedPractices };
}

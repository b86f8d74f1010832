import type { Pipeline } from '@pact/read-store';

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly offset: number;
}

/** Sort, skip and limit with the total count in one round trip ($facet). */
export function pageStages(
  sort: Record<string, 1 | -1>,
  offset: number,
  limit: number,
  project: Record<string, unknown>,
): Pipeline {
  return [
    { $sort: { ...sort, _id: 1 } },
    {
      $facet: {
        items: [{ $skip: offset }, { $limit: limit }, { $project: project }],
        total: [{ $count: 'n' }],
      },
    },
  ];
}

export function toPage<T>(
  result: { items: T[]; total: { n: number }[] }[],
  offset: number,
): Page<T> {
  const [first] = result;
  return { items: first?.items ?? [], total: first?.total[0]?.n ?? 0, offset };
}

/** A case-insensitive substring match on user text, with every regex character escaped. */
export function containsText(text: string): { $regex: string; $options: string } {
  return { $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
}

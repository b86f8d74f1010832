/**
 * The reporting status of a registry document at `now`, as an aggregation expression: the domain's
 * reporting policy over the due dates the registry projection precomputed. ISO instants in UTC
 * compare as strings.
 */
export function reportingStatusExpression(now: string): Record<string, unknown> {
  return {
    $switch: {
      branches: [
        { case: { $eq: ['$status', 'withdrawn'] }, then: 'withdrawn' },
        { case: { $eq: [{ $ifNull: ['$dueAt', null] }, null] }, then: 'on-track' },
        { case: { $gte: [now, '$nonReportingAt'] }, then: 'non-reporting' },
        { case: { $gte: [now, '$dueAt'] }, then: 'overdue' },
        {
          case: {
            $and: [
              { $ne: [{ $ifNull: ['$dueSoonAt', null] }, null] },
              { $gte: [now, '$dueSoonAt'] },
            ],
          },
          then: 'due-soon',
        },
      ],
      default: 'on-track',
    },
  };
}

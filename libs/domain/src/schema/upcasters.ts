/**
 * Event schemas evolve by version; stored events keep the version they were written in and are
 * upgraded on read, one step at a time, for deciders, projections and the history view alike.
 */
type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** Upcasters by event type; the one at index i turns version i + 1 into version i + 2. */
const UPCASTERS: Readonly<Record<string, readonly Upcaster[]>> = {
  // v2: practices are shared in every EU language, so each records its language. Every practice
  // shared before the field existed was written in English.
  PracticeShared: [(data) => ({ ...data, language: 'en' })],
};

/** The version new events of this type are written in. */
export function currentSchemaVersion(type: string): number {
  return (UPCASTERS[type]?.length ?? 0) + 1;
}

/** The event's data in the current schema of its type. */
export function upcast(
  type: string,
  schemaVersion: number,
  data: unknown,
): { schemaVersion: number; data: unknown } {
  const steps = UPCASTERS[type] ?? [];
  let upgraded = data as Record<string, unknown>;
  for (let version = schemaVersion; version <= steps.length; version++)
    upgraded = steps[version - 1]!(upgraded);
  return { schemaVersion: Math.max(schemaVersion, steps.length + 1), data: upgraded };
}

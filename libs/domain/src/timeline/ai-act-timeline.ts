import { InvalidCommandError, type FieldError } from '../shared/errors';
import { isIsoDate } from '../shared/values';
import data from './ai-act-dates.json';

/** A provision of the AI Act an application date attaches to: an article, a paragraph, or an annex. */
export interface Provision {
  /** How the registry names it: `Art. 50(2)`, `Annex III`. */
  readonly id: string;
  readonly article?: number;
  readonly paragraph?: number;
  readonly annex?: string;
  readonly title: string;
}

/** One dated entry of a timeline version: the provisions that apply from that date. */
export interface TimelineEntry {
  readonly date: string;
  readonly what: string;
  readonly provisions: readonly string[];
}

/** A version of the timeline as the law that made it states it: only the dates it sets. */
export interface TimelineVersion {
  readonly version: string;
  /** The act that set these dates, e.g. `Regulation (EU) 2026/1744`. */
  readonly act: string;
  /** The date the act entered into force (YYYY-MM-DD). */
  readonly inForceFrom: string;
  readonly dates: readonly TimelineEntry[];
}

/** A version with every provision's date resolved: its own entries over those of the versions before. */
export interface Timeline {
  readonly version: string;
  readonly act: string;
  readonly inForceFrom: string;
  /** Provision id → the date it applies from (YYYY-MM-DD). */
  readonly appliesFrom: Readonly<Record<string, string>>;
}

/** A provision whose application date a version set differently from the version before. */
export interface DateChange {
  readonly provision: string;
  /** Null when no earlier version dated the provision. */
  readonly from: string | null;
  readonly to: string;
}

/** Every provision the registry knows, from the reference data file. */
export const aiActProvisions: readonly Provision[] = data.provisions;

const provisionIds = new Set(aiActProvisions.map((p) => p.id));

/** The versions shipped as reference data, oldest first. */
export const shippedTimelineVersions: readonly TimelineVersion[] = data.versions;

export function findProvision(id: string): Provision | undefined {
  return aiActProvisions.find((p) => p.id === id);
}

/** Checks a version's content on its own: dates, known provisions, each provision dated once. */
export function timelineVersionErrors(version: TimelineVersion): FieldError[] {
  const errors: FieldError[] = [];
  if (!isIsoDate(version.inForceFrom))
    errors.push({
      field: 'inForceFrom',
      message: 'must be an ISO date (YYYY-MM-DD)',
      code: 'date',
    });
  const dated = new Set<string>();
  version.dates.forEach((entry, i) => {
    if (!isIsoDate(entry.date))
      errors.push({
        field: `dates[${i}].date`,
        message: 'must be an ISO date (YYYY-MM-DD)',
        code: 'date',
      });
    entry.provisions.forEach((provision, j) => {
      const field = `dates[${i}].provisions[${j}]`;
      if (!provisionIds.has(provision))
        errors.push({
          field,
          message: `unknown provision '${provision}'`,
          code: 'provision-unknown',
        });
      else if (dated.has(provision))
        errors.push({
          field,
          message: `'${provision}' is dated twice in this version`,
          code: 'provision-twice',
        });
      dated.add(provision);
    });
  });
  return errors;
}

/** The version with every provision's date: its own entries over those of `previous`. */
export function resolveTimeline(
  previous: Timeline | undefined,
  version: TimelineVersion,
): Timeline {
  const appliesFrom: Record<string, string> = { ...previous?.appliesFrom };
  for (const entry of version.dates)
    for (const provision of entry.provisions) appliesFrom[provision] = entry.date;
  const { version: name, act, inForceFrom } = version;
  return { version: name, act, inForceFrom, appliesFrom };
}

/** The provisions whose date `next` sets differently from `previous`, in the order of the file. */
export function dateChanges(previous: Timeline | undefined, next: Timeline): DateChange[] {
  return aiActProvisions
    .map((p) => p.id)
    .filter((id) => next.appliesFrom[id] !== undefined)
    .filter((id) => previous?.appliesFrom[id] !== next.appliesFrom[id])
    .map((id) => ({
      provision: id,
      from: previous?.appliesFrom[id] ?? null,
      to: next.appliesFrom[id]!,
    }));
}

/**
 * The shipped versions up to and including `upTo`, resolved in order: the baseline every
 * deployment starts from, before any version an admin records.
 */
export function baselineTimelines(upTo: string): Timeline[] {
  const end = shippedTimelineVersions.findIndex((v) => v.version === upTo);
  if (end < 0) {
    const known = shippedTimelineVersions.map((v) => v.version).join(', ');
    throw new InvalidCommandError(
      `Unknown timeline version '${upTo}' (shipped: ${known})`,
      'timeline-unknown',
    );
  }
  const resolved: Timeline[] = [];
  for (const version of shippedTimelineVersions.slice(0, end + 1))
    resolved.push(resolveTimeline(resolved.at(-1), version));
  return resolved;
}

/** The latest shipped version: the default baseline. */
export const LATEST_SHIPPED_TIMELINE = shippedTimelineVersions.at(-1)!.version;

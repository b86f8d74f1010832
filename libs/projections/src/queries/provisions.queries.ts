import {
  aiActProvisions,
  commitmentCatalogue,
  linkedProvisions,
  type Timeline,
} from '@pact/domain';
import type { ReadStore } from '@pact/read-store';
import {
  ACTION_TARGETS,
  ACTION_TARGETS_ID,
  type ActionTargetFigures,
} from '../timeline/action-targets.projection';

/** Actions by where their target date falls against a provision's application date. */
export interface ActionPositions {
  /** Target date on or before the date the provision applies from: ready in time. */
  readonly before: number;
  /** Target date after it: planned too late. */
  readonly after: number;
  readonly noTarget: number;
}

export interface ProvisionFigures {
  readonly provision: string;
  readonly title: string;
  readonly appliesFrom: string | null;
  readonly actions: ActionPositions;
  /** The same under the version before (null when the timeline has one version only). */
  readonly previous: {
    readonly appliesFrom: string | null;
    readonly actions: ActionPositions;
  } | null;
}

/**
 * Per AI Act provision: the actions of pledges not withdrawn whose commitments link to it, before or
 * after the date it applies from, under the timeline in force and under the version before, so an
 * analyst sees what an amendment changed. Reads one figures document.
 */
export async function provisionAnalytics(
  store: ReadStore,
  current: Timeline,
  previous: Timeline | undefined,
) {
  const figures = await store.findById<ActionTargetFigures>(ACTION_TARGETS, ACTION_TARGETS_ID);
  const counts = figures?.counts ?? {};
  const provisions: ProvisionFigures[] = aiActProvisions.map((provision) => {
    const codes = commitmentCatalogue.entries
      .filter((entry) => linkedProvisions(entry).some((l) => l.provision === provision.id))
      .map((entry) => entry.code);
    const under = (timeline: Timeline) => {
      const appliesFrom = timeline.appliesFrom[provision.id] ?? null;
      return { appliesFrom, actions: positions(counts, codes, appliesFrom) };
    };
    return {
      provision: provision.id,
      title: provision.title,
      ...under(current),
      previous: previous ? under(previous) : null,
    };
  });
  return {
    timelineVersion: current.version,
    previousVersion: previous?.version ?? null,
    provisions,
  };
}

function positions(
  counts: ActionTargetFigures['counts'],
  codes: readonly string[],
  appliesFrom: string | null,
): ActionPositions {
  let before = 0;
  let after = 0;
  let noTarget = 0;
  for (const code of codes)
    for (const [date, n] of Object.entries(counts[code] ?? {})) {
      if (date === '') noTarget += n;
      else if (appliesFrom !== null && date > appliesFrom) after += n;
      else before += n;
    }
  return { before, after, noTarget };
}

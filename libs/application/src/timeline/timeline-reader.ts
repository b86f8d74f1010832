import {
  baselineTimelines,
  createTimelineDecider,
  TIMELINE_STREAM,
  timelineInForce,
  type RecordTimelineVersion,
  type Timeline,
  type TimelineEvent,
  type TimelineState,
} from '@pact/domain';
import type { Decider } from '@pact/domain';
import type { EventStore, RecordedEvent } from '@pact/event-store';
import { load, replay, type Loaded, type LoadOptions } from '../command-pipeline/load';

const deciders = new Map<string, Decider<RecordTimelineVersion, TimelineEvent, TimelineState>>();

/** The timeline's decider over the shipped versions up to `base` (AI_ACT_TIMELINE_BASE). */
export function timelineDecider(
  base: string,
): Decider<RecordTimelineVersion, TimelineEvent, TimelineState> {
  let decider = deciders.get(base);
  if (!decider) {
    decider = createTimelineDecider(baselineTimelines(base));
    deciders.set(base, decider);
  }
  return decider;
}

/** The timeline as recorded in its stream, over the baseline; as it was at `asOf` when given. */
export function loadTimeline(
  store: EventStore,
  base: string,
  options: LoadOptions = {},
): Promise<Loaded<TimelineState>> {
  return load(store, timelineDecider(base), TIMELINE_STREAM, options);
}

/** The version in force at `asOf` (now when not given), from the timeline's events already read. */
export function timelineAt(
  recorded: readonly RecordedEvent[],
  base: string,
  asOf?: Date,
): Timeline {
  return timelineInForce(replay(timelineDecider(base), recorded, asOf ? { asOf } : {}).state);
}

/** The version in force now. */
export async function currentTimeline(store: EventStore, base: string): Promise<Timeline> {
  return timelineInForce((await loadTimeline(store, base)).state);
}

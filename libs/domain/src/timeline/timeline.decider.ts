import type { Decider, DomainCommand, DomainEvent } from '../shared/decider';
import { ConflictError, InvalidCommandError } from '../shared/errors';
import {
  dateChanges,
  resolveTimeline,
  timelineVersionErrors,
  type DateChange,
  type Timeline,
  type TimelineEntry,
  type TimelineVersion,
} from './ai-act-timeline';

/** The one stream of the AI Act's timeline: every version an admin records, in order. */
export const TIMELINE_STREAM = 'timeline-ai-act';

export type RecordTimelineVersion = DomainCommand<
  'RecordTimelineVersion',
  { readonly version: TimelineVersion; readonly recordedAt: string }
>;

export type TimelineVersionRecorded = DomainEvent<
  'TimelineVersionRecorded',
  {
    readonly version: string;
    readonly act: string;
    readonly inForceFrom: string;
    readonly dates: readonly TimelineEntry[];
    /** The version in force before this one. */
    readonly previousVersion: string;
    /** Every provision whose date this version moves or sets, against the previous version. */
    readonly changes: readonly DateChange[];
    readonly recordedAt: string;
  }
>;

export type TimelineEvent = TimelineVersionRecorded;

export interface TimelineState {
  /** Every version, oldest first: the shipped baseline, then those recorded. The last is in force. */
  readonly versions: readonly Timeline[];
  /** The recorded versions as their events state them, for idempotent re-recording. */
  readonly recorded: readonly TimelineVersionRecorded['data'][];
}

/** The timeline in force: the last version. */
export const timelineInForce = (state: TimelineState): Timeline => state.versions.at(-1)!;

/** The version before the one in force (undefined when only one is known). */
export const previousTimeline = (state: TimelineState): Timeline | undefined =>
  state.versions.at(-2);

/**
 * The AI Act's timeline as an aggregate: the baseline comes from the reference data, and each
 * amendment is recorded as an event whose changes are computed against the version before it.
 */
export function createTimelineDecider(
  baseline: readonly Timeline[],
): Decider<RecordTimelineVersion, TimelineEvent, TimelineState> {
  if (baseline.length === 0) throw new Error('The timeline needs a baseline version');
  return {
    initialState: () => ({ versions: baseline, recorded: [] }),
    evolve: (state, event) => ({
      versions: [...state.versions, resolveTimeline(timelineInForce(state), event.data)],
      recorded: [...state.recorded, event.data],
    }),
    decide(command, state) {
      const { version, recordedAt } = command.data;
      const errors = timelineVersionErrors(version);
      if (errors.length > 0)
        throw new InvalidCommandError('Invalid timeline version', 'timeline-invalid', errors);
      const same = state.recorded.find((r) => r.version === version.version);
      if (same && sameContent(same, version)) return [];
      if (state.versions.some((v) => v.version === version.version))
        throw new ConflictError(
          `Timeline version '${version.version}' is already known`,
          'timeline-known',
        );
      const current = timelineInForce(state);
      if (version.inForceFrom < current.inForceFrom)
        throw new InvalidCommandError(
          'An amendment enters into force after the version it amends',
          'timeline-order',
          [
            {
              field: 'inForceFrom',
              message: `must not be before ${current.inForceFrom} (${current.version})`,
              code: 'in-force-order',
            },
          ],
        );
      const changes = dateChanges(current, resolveTimeline(current, version));
      return [
        {
          type: 'TimelineVersionRecorded',
          data: {
            version: version.version,
            act: version.act,
            inForceFrom: version.inForceFrom,
            dates: version.dates.map(({ date, what, provisions }) => ({ date, what, provisions })),
            previousVersion: current.version,
            changes,
            recordedAt,
          },
        },
      ];
    },
  };
}

function sameContent(recorded: TimelineVersionRecorded['data'], version: TimelineVersion): boolean {
  const content = (v: Pick<TimelineVersion, 'act' | 'inForceFrom' | 'dates'>) =>
    JSON.stringify([
      v.act,
      v.inForceFrom,
      v.dates.map(({ date, what, provisions }) => [date, what, provisions]),
    ]);
  return content(recorded) === content(version);
}

import { replay } from '@pact/application';
import { diffPledge, pledgeDecider } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';

/**
 * What changed between two revisions of a pledge (exclusive of `from`, inclusive of `to`), and
 * through which events. `to` must be a revision the events hold.
 */
export function diffRevisions(events: readonly RecordedEvent[], from: number, to: number) {
  const before = replay(pledgeDecider, events, { untilRevision: from }).state;
  const after = replay(pledgeDecider, events, { untilRevision: to }).state;
  return {
    events: events.slice(from + 1, to + 1).map((e) => ({
      revision: e.revision,
      type: e.type,
      recordedAt: e.recordedAt,
      actor: e.metadata.actor,
    })),
    changes: diffPledge(before, after),
  };
}

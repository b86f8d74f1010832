import { toDomainEvent } from '@pact/application';
import type { Commitment, PledgeEvent } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';
import type { ReadDocument } from '@pact/read-store';
import type { Projection, ProjectionTx } from '../projection';

const PLEDGE_TARGETS = 'action_target_pledges';
export const ACTION_TARGETS = 'action_targets';
export const ACTION_TARGETS_ID = 'all';

/** A pledge's actions as `[commitment code, target date]` pairs, and whether it still counts. */
interface PledgeTargets extends ReadDocument {
  readonly targets: readonly (readonly [string, string])[];
  readonly withdrawn: boolean;
}

/**
 * `counts[code][targetDate]`: how many actions of pledges not withdrawn each commitment has with
 * each target date (an empty key for an action without one). Which side of a provision's
 * application date an action falls on follows from this and the timeline at query time, for any
 * version of the timeline.
 */
export interface ActionTargetFigures extends ReadDocument {
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** The analysts' figures of actions per commitment and target date, kept event by event. */
export const actionTargetsProjection: Projection = {
  name: 'action-targets',
  collections: [PLEDGE_TARGETS, ACTION_TARGETS],
  indexes: [],
  eventTypes: new Set(['PledgeSigned', 'CommitmentAdded', 'PledgeWithdrawn']),
  async apply(recorded: RecordedEvent, tx: ProjectionTx): Promise<void> {
    const event = toDomainEvent<PledgeEvent>(recorded);
    if (event.type === 'PledgeSigned') {
      const targets = event.data.commitments.flatMap(targetsOf);
      tx.put(PLEDGE_TARGETS, { _id: event.data.pledgeId, targets, withdrawn: false });
      await count(tx, targets, 1);
      return;
    }
    if (event.type !== 'CommitmentAdded' && event.type !== 'PledgeWithdrawn') return;
    const pledge = await tx.get<PledgeTargets>(PLEDGE_TARGETS, event.data.pledgeId);
    if (!pledge) throw new Error(`action-targets: pledge ${event.data.pledgeId} was never signed`);
    if (pledge.withdrawn) return;
    if (event.type === 'CommitmentAdded') {
      const added = targetsOf(event.data.commitment);
      tx.put(PLEDGE_TARGETS, { ...pledge, targets: [...pledge.targets, ...added] });
      await count(tx, added, 1);
      return;
    }
    tx.put(PLEDGE_TARGETS, { ...pledge, withdrawn: true });
    await count(tx, pledge.targets, -1);
  },
};

function targetsOf(commitment: Commitment): [string, string][] {
  return commitment.actions.map((action) => [commitment.code, action.targetDate ?? '']);
}

async function count(
  tx: ProjectionTx,
  targets: readonly (readonly [string, string])[],
  sign: 1 | -1,
): Promise<void> {
  if (targets.length === 0) return;
  const figures = await tx.get<ActionTargetFigures>(ACTION_TARGETS, ACTION_TARGETS_ID);
  const counts: Record<string, Record<string, number>> = {};
  for (const [code, dates] of Object.entries(figures?.counts ?? {})) counts[code] = { ...dates };
  for (const [code, date] of targets) {
    const dates = (counts[code] ??= {});
    const n = (dates[date] ?? 0) + sign;
    if (n === 0) delete dates[date];
    else dates[date] = n;
    if (Object.keys(dates).length === 0) delete counts[code];
  }
  tx.put(ACTION_TARGETS, { _id: ACTION_TARGETS_ID, counts });
}

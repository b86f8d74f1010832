import { pledgeDecider, pledgeStream, type ActivePledge } from '@pact/domain';
import type { EventStore, StreamCondition } from '@pact/event-store';
import { stillAt } from './command-pipeline/handle';
import { load } from './command-pipeline/load';
import { MAX_PLEDGE_SLOTS, pledgeIdForSlot } from './ids';

/**
 * The organisation's pledge: the live one, else the last withdrawn (slots fill in order, as signing
 * does), with its revision. Undefined when it never signed.
 */
export async function currentPledge(
  store: EventStore,
  organisationId: string,
): Promise<{ pledge: ActivePledge; revision: number } | undefined> {
  let last: { pledge: ActivePledge; revision: number } | undefined;
  for (let slot = 0; slot < MAX_PLEDGE_SLOTS; slot++) {
    const { state, revision } = await load(
      store,
      pledgeDecider,
      pledgeStream(pledgeIdForSlot(organisationId, slot)),
    );
    if (state.status === 'none') return last;
    last = { pledge: state, revision };
    if (state.status !== 'withdrawn') return last;
  }
  return last;
}

/**
 * The organisation's live pledge, if it has one, and the conditions under which a decision on it
 * is still current: that pledge at the revision read or, with none live, the slot the next
 * signature would take still empty (a withdrawn pledge stays withdrawn).
 */
export async function livePledge(
  store: EventStore,
  organisationId: string,
): Promise<{ pledge?: ActivePledge; conditions: StreamCondition[] }> {
  for (let slot = 0; slot < MAX_PLEDGE_SLOTS; slot++) {
    const streamId = pledgeStream(pledgeIdForSlot(organisationId, slot));
    const { state, revision } = await load(store, pledgeDecider, streamId);
    if (state.status === 'none') return { conditions: [stillAt(streamId, -1)] };
    if (state.status !== 'withdrawn')
      return { pledge: state, conditions: [stillAt(streamId, revision)] };
  }
  // Every slot is taken by a withdrawn pledge: no pledge can be signed or changed.
  return { conditions: [] };
}

import { pledgeDecider, pledgeStream, type ActivePledge, type PledgeState } from '@pact/domain';
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
  const { open, withdrawn } = await openSlot(store, organisationId);
  return open && open.state.status !== 'none'
    ? { pledge: open.state, revision: open.revision }
    : withdrawn;
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
  const { open } = await openSlot(store, organisationId);
  // Every slot is taken by a withdrawn pledge: no pledge can be signed or changed.
  if (!open) return { conditions: [] };
  const conditions = [stillAt(open.streamId, open.revision)];
  return open.state.status === 'none' ? { conditions } : { pledge: open.state, conditions };
}

/**
 * The organisation's slots walked as signing fills them: the first one not taken by a withdrawn
 * pledge (its live pledge, or where the next signature goes; none once every slot is withdrawn),
 * and the last withdrawn pledge before it.
 */
async function openSlot(
  store: EventStore,
  organisationId: string,
): Promise<{
  open?: { streamId: string; state: PledgeState; revision: number };
  withdrawn?: { pledge: ActivePledge; revision: number };
}> {
  let withdrawn: { pledge: ActivePledge; revision: number } | undefined;
  for (let slot = 0; slot < MAX_PLEDGE_SLOTS; slot++) {
    const streamId = pledgeStream(pledgeIdForSlot(organisationId, slot));
    const { state, revision } = await load(store, pledgeDecider, streamId);
    if (state.status !== 'withdrawn') return { open: { streamId, state, revision }, withdrawn };
    withdrawn = { pledge: state, revision };
  }
  return { withdrawn };
}

import { pledgeDecider, pledgeStream, type ActivePledge } from '@pact/domain';
import type { EventStore } from '@pact/event-store';
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

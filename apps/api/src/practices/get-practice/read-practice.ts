import { load } from '@pact/application';
import {
  organisationDecider,
  organisationStream,
  practiceDecider,
  practiceStream,
  type PracticeState,
} from '@pact/domain';
import type { EventStore } from '@pact/event-store';
import { hasRole, isMemberOf, type Principal } from '../../auth/principal';

export interface PracticeRead {
  readonly state: Exclude<PracticeState, { status: 'none' }>;
  readonly revision: number;
  /** The name of the organisation that shared it, as it is now. */
  readonly organisationName?: string;
}

/**
 * A practice as its API resource and its page read it, or undefined when the principal may not see
 * it (as the list shows them): anyone a published practice, every key holder one that is not
 * withdrawn, and its owner, reviewers and admins a withdrawn one too.
 */
export async function readPractice(
  events: EventStore,
  practiceId: string,
  principal: Principal,
): Promise<PracticeRead | undefined> {
  const { state, revision } = await load(events, practiceDecider, practiceStream(practiceId));
  if (state.status === 'none') return undefined;
  const holdsKey = principal.kind === 'key';
  const privileged =
    isMemberOf(principal, state.organisationId) || hasRole(principal, 'reviewer', 'admin');
  const visible =
    state.status === 'published' || privileged || (state.status !== 'withdrawn' && holdsKey);
  if (!visible) return undefined;
  const organisation = await load(
    events,
    organisationDecider,
    organisationStream(state.organisationId),
  );
  return organisation.state.status === 'registered'
    ? { state, revision, organisationName: organisation.state.name }
    : { state, revision };
}

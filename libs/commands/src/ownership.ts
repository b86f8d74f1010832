import { NotFoundError, type RefusalCode } from '@pact/domain';
import type { Actor } from '@pact/event-store';

interface Owned {
  readonly status: string;
  readonly organisationId?: string;
}

const NOT_FOUND = {
  Organisation: 'organisation-not-found',
  Pledge: 'pledge-not-found',
  Practice: 'practice-not-found',
} as const satisfies Record<string, RefusalCode>;

/**
 * An `authorize` hook for the command pipeline: a participant may act only on what its organisation
 * owns, and anything else looks like it does not exist (404), as api.md asks.
 */
export function mustExistAndBeVisibleTo(actor: Actor, what: keyof typeof NOT_FOUND) {
  return (state: Owned): void => {
    if (state.status === 'none') throw new NotFoundError(`${what} not found`, NOT_FOUND[what]);
    if (actor.role === 'participant' && state.organisationId !== actor.organisationId) {
      throw new NotFoundError(`${what} not found`, NOT_FOUND[what]);
    }
  };
}

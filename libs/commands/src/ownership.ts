import { NotFoundError } from '@pact/domain';
import type { Actor } from '@pact/event-store';

interface Owned {
  readonly status: string;
  readonly organisationId?: string;
}

/**
 * An `authorize` hook for the command pipeline: a participant may act only on what its organisation
 * owns, and anything else looks like it does not exist (404), as api.md asks.
 */
export function mustExistAndBeVisibleTo(actor: Actor, what: string) {
  return (state: Owned): void => {
    if (state.status === 'none') throw new NotFoundError(`${what} not found`);
    if (actor.role === 'participant' && state.organisationId !== actor.organisationId) {
      throw new NotFoundError(`${what} not found`);
    }
  };
}

import { deriveId } from '@pact/application';
import type { Action } from '@pact/domain';
import type { CommitmentDto } from './pledge.dto';

/**
 * An organisation's pledges take numbered slots: the n-th pledge it ever signs has a fixed id.
 * Two concurrent signatures therefore race for the same new stream, and exactly one wins.
 */
export const pledgeIdForSlot = (organisationId: string, slot: number) =>
  deriveId(organisationId, 'pledge', slot);

/** Gives each action a stable id derived from the command, so a retried command writes the same ids. */
export function withActionIds(
  commandId: string,
  commitment: CommitmentDto,
): { code: string; actions: Action[] } {
  return {
    code: commitment.code,
    actions: commitment.actions.map((action, index) => ({
      actionId: deriveId(commandId, 'action', commitment.code, index),
      description: action.description,
      status: action.status,
      targetDate: action.targetDate,
    })),
  };
}

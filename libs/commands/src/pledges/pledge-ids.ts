import { deriveId } from '@pact/application';
import type { Action } from '@pact/domain';
import type { CommitmentInput } from '../inputs';

/** Gives each action a stable id derived from the command, so a retried command writes the same ids. */
export function withActionIds(
  commandId: string,
  commitment: CommitmentInput,
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

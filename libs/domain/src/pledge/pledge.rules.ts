import type { CommitmentCatalogue } from '../catalogue/commitment-catalogue';
import { InvalidCommandError, type FieldError } from '../shared/errors';
import {
  ACTION_STATUSES,
  isIsoDate,
  MAX_ACTIONS_PER_COMMITMENT,
  ROLES,
  TARGET_DATE_MAX,
  TARGET_DATE_MIN,
  type Role,
} from '../shared/values';
import type { Action, Commitment } from './pledge.events';

export interface CommitmentInput {
  readonly code: string;
  readonly actions: readonly Action[];
}

/**
 * Checks commitments against the catalogue and the organisation's roles and gives them their tier.
 * `field` prefixes the error paths so they point into the request body (empty: the commitment is
 * the body itself).
 */
export function toCommitments(
  inputs: readonly CommitmentInput[],
  catalogue: CommitmentCatalogue,
  roles: readonly Role[],
  field: (index: number) => string,
): Commitment[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const result = inputs.map((input, index) => {
    const path = field(index);
    const at = (name: string) => (path ? `${path}.${name}` : name);
    const entry = catalogue.find(input.code);
    if (!entry) {
      errors.push({
        field: at('code'),
        message: `unknown commitment code '${input.code}'`,
        code: 'commitment-unknown',
      });
    } else if (entry.role !== 'all' && !roles.includes(entry.role)) {
      errors.push({
        field: at('code'),
        message: `'${input.code}' is a ${entry.role} commitment and the organisation is not a ${entry.role}`,
        code: 'commitment-role',
      });
    }
    if (seen.has(input.code)) {
      errors.push({
        field: at('code'),
        message: `commitment '${input.code}' appears twice`,
        code: 'commitment-twice',
      });
    }
    seen.add(input.code);
    errors.push(...actionErrors(input.actions, at('actions')));
    return { code: input.code, tier: entry?.tier ?? 'additional', actions: input.actions };
  });
  if (errors.length > 0)
    throw new InvalidCommandError('Invalid commitments', 'pledge-commitments-invalid', errors);
  return result;
}

/** The roles whose commitments these are (each role-specific commitment's), each once, in `ROLES` order. */
export function rolesNeeded(
  commitments: readonly { readonly code: string }[],
  catalogue: CommitmentCatalogue,
): Role[] {
  const roles = new Set(commitments.map((c) => catalogue.find(c.code)?.role));
  return ROLES.filter((role) => roles.has(role));
}

function actionErrors(actions: readonly Action[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (actions.length < 1 || actions.length > MAX_ACTIONS_PER_COMMITMENT) {
    errors.push({
      field: path,
      message: `must hold 1 to ${MAX_ACTIONS_PER_COMMITMENT} actions`,
      code: 'action-count',
    });
  }
  actions.forEach((action, i) => {
    if (action.description.trim().length === 0) {
      errors.push({
        field: `${path}[${i}].description`,
        message: 'must not be blank',
        code: 'blank',
      });
    }
    if (!ACTION_STATUSES.includes(action.status)) {
      errors.push({
        field: `${path}[${i}].status`,
        message: `must be one of ${ACTION_STATUSES.join(', ')}`,
        code: 'action-status',
      });
    }
    const date = action.targetDate;
    if (!isIsoDate(date) || date < TARGET_DATE_MIN || date > TARGET_DATE_MAX) {
      errors.push({
        field: `${path}[${i}].targetDate`,
        message: `must be an ISO date from ${TARGET_DATE_MIN} to ${TARGET_DATE_MAX}`,
        code: 'target-date',
      });
    }
  });
  return errors;
}

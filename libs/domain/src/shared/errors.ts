/**
 * Stable names of the domain's refusals. The pages look them up in their message catalogues, so a
 * refusal reads in the page's language; the API answers with its English `detail` (api.md's
 * problem members only).
 */
export const REFUSAL_CODES = [
  'organisation-registered',
  'organisation-not-found',
  'organisation-no-change',
  'organisation-invalid',
  'organisation-unknown',
  'organisation-roles-held',
  'webhook-invalid',
  'key-issued',
  'key-expiry',
  'key-expiry-invalid',
  'key-not-found',
  'key-organisation-required',
  'key-organisation-forbidden',
  'practice-shared',
  'practice-not-found',
  'practice-withdrawn',
  'practice-no-change',
  'practice-published',
  'practice-no-consent',
  'practice-rejected',
  'practice-language',
  'pledge-not-found',
  'pledge-withdrawn',
  'pledge-published',
  'pledge-signed',
  'pledge-exists',
  'pledge-core-missing',
  'pledge-commitment-held',
  'pledge-commitment-unknown',
  'pledge-commitments-invalid',
  'pledge-actions-unknown',
  'pledge-cycle-mismatch',
  'milestone-reported',
  'milestone-not-found',
  'milestone-accepted',
  'signing-closed',
  'withdrawals-exceeded',
  'timeline-invalid',
  'timeline-known',
  'timeline-order',
  'timeline-unknown',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * Stable names of what is wrong with one field, for the same purpose. The HTTP layer maps the
 * request validator's constraints onto the same names.
 */
export const FIELD_ERROR_CODES = [
  'invalid',
  'required',
  'blank',
  'text',
  'length',
  'too-long',
  'too-short',
  'choice',
  'list',
  'list-size',
  'too-many',
  'too-few',
  'list-unique',
  'format',
  'url',
  'email',
  'boolean',
  'date',
  'unknown-field',
  'country',
  'sector',
  'size',
  'roles',
  'webhook-url',
  'commitment-unknown',
  'commitment-role',
  'commitment-twice',
  'commitment-not-held',
  'core-missing',
  'action-count',
  'action-status',
  'action-unknown',
  'target-date',
  'future',
  'language',
  'organisation-required',
  'organisation-unknown',
  'organisation-forbidden',
  'provision-unknown',
  'provision-twice',
  'in-force-order',
  'confirm',
  'range',
  'date-order',
  'repeated',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  readonly field: string;
  readonly message: string;
  /** What is wrong, by name; `invalid` when absent. */
  readonly code?: FieldErrorCode;
  /** For `too-long`, `too-short`, `too-many` and `too-few`: the most or least allowed. */
  readonly limit?: number;
}

/** Base of every refusal the domain can give; the HTTP layer maps each subclass to one status. */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly code: RefusalCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command is malformed or breaks a rule about its own content (HTTP 400). */
export class InvalidCommandError extends DomainError {
  constructor(
    message: string,
    code: RefusalCode,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message, code);
  }
}

/** The command is well formed but the aggregate's state refuses it (HTTP 409). */
export class ConflictError extends DomainError {}

/** The command names something the aggregate does not hold (HTTP 404). */
export class NotFoundError extends DomainError {}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Base of every refusal the domain can give; the HTTP layer maps each subclass to one status. */
export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command is malformed or breaks a rule about its own content (HTTP 400). */
export class InvalidCommandError extends DomainError {
  constructor(
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

/** The command is well formed but the aggregate's state refuses it (HTTP 409). */
export class ConflictError extends DomainError {}

/** The command names something the aggregate does not hold (HTTP 404). */
export class NotFoundError extends DomainError {}

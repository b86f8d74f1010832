/** The client's If-Match revision is not the stream's (HTTP 412). */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      actual < 0
        ? `The resource does not exist yet, so it is at no revision, not ${expected}`
        : `The resource is at revision ${actual}, not ${expected}`,
    );
  }
}

/** Other writers kept winning the race for a stream (HTTP 409, safe to retry). */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';
}

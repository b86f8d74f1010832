import { isMongoUnavailable } from '@pact/read-store';
import {
  ConflictError,
  DomainError,
  InvalidCommandError,
  NotFoundError,
  type FieldError,
} from '@pact/domain';
import { ConcurrencyConflictError, PreconditionFailedError } from '@pact/application';
import { HttpException, HttpStatus } from '@nestjs/common';

/** RFC 9457 problem details, the body of every error response. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
  /**
   * The refusal's stable name: a domain refusal's code, or one of the pages' own. The pages
   * translate by it and by the field errors' codes; neither is sent (`onTheWire`).
   */
  readonly code?: string;
}

/** A problem as the API sends it: exactly api.md's members, without the codes the pages read. */
export function onTheWire({ code: _code, errors, ...sent }: Problem): Problem {
  return errors
    ? { ...sent, errors: errors.map(({ field, message }) => ({ field, message })) }
    : sent;
}

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['invalid-input', 'Invalid input'],
  401: ['unauthorized', 'Missing or invalid credentials'],
  403: ['forbidden', 'Not allowed'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  408: ['request-timeout', 'Request timeout'],
  409: ['conflict', 'Conflict'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Payload too large'],
  414: ['uri-too-long', 'URI too long'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['idempotency-key-reused', 'Idempotency key reused with another request'],
  429: ['rate-limited', 'Too many requests'],
  431: ['headers-too-large', 'Request headers too large'],
  503: ['unavailable', 'Service unavailable'],
};

export function problem(
  status: number,
  detail: string,
  errors?: readonly FieldError[],
  code?: string,
): Problem {
  const [slug, title] =
    TITLES[status] ?? (status >= 500 ? ['internal', 'Internal error'] : ['error', 'Error']);
  return {
    type: `/problems/${slug}`,
    title,
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(code ? { code } : {}),
  };
}

/** An HTTP error that already carries its problem details. */
export class ProblemException extends HttpException {
  constructor(
    readonly problemDetails: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problemDetails, problemDetails.status);
  }
}

export const invalidInput = (detail: string, errors?: FieldError[]) =>
  new ProblemException(problem(400, detail, errors));
export const notFound = (detail = 'Not found') => new ProblemException(problem(404, detail));
export const forbidden = (detail = 'This key may not do that') =>
  new ProblemException(problem(403, detail));

/** The one place errors become HTTP statuses. */
export function toProblem(error: unknown): { problem: Problem; headers: Record<string, string> } {
  if (error instanceof ProblemException)
    return { problem: error.problemDetails, headers: error.headers };
  if (error instanceof DomainError) return { problem: domainProblem(error), headers: {} };
  if (error instanceof PreconditionFailedError) {
    // A stream not yet written has no revision to name.
    const headers: Record<string, string> = error.actual >= 0 ? { etag: `"${error.actual}"` } : {};
    return { problem: problem(412, error.message), headers };
  }
  if (error instanceof ConcurrencyConflictError)
    return { problem: problem(409, error.message), headers: {} };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
    return { problem: problem(status, error.message), headers };
  }
  if (isMongoUnavailable(error))
    return {
      problem: problem(503, 'The read store (MongoDB) is not reachable; retry later'),
      headers: { 'retry-after': '5' },
    };
  const status = frameworkStatus(error);
  if (status !== undefined)
    return { problem: problem(status, (error as Error).message), headers: {} };
  return {
    problem: problem(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred'),
    headers: {},
  };
}

function domainProblem(error: DomainError): Problem {
  if (error instanceof InvalidCommandError)
    return problem(400, error.message, error.errors, error.code);
  if (error instanceof ConflictError) return problem(409, error.message, undefined, error.code);
  if (error instanceof NotFoundError) return problem(404, error.message, undefined, error.code);
  return problem(400, error.message, undefined, error.code);
}

/** Fastify's own errors (body parsing, limits) carry a 4xx statusCode. */
function frameworkStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

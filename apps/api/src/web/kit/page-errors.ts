import type { FieldError } from '@pact/domain';
import { problem, ProblemException } from '../../http/problem';

/** Ends a page request with a redirect (303 after a form, 302 to sign in). */
export class PageRedirect extends Error {
  constructor(
    readonly location: string,
    readonly status = 303,
  ) {
    super(`redirect to ${location}`);
  }
}

/** A page that refuses: rendered as an error page with this status and message key. */
export class PageRefused extends Error {
  constructor(
    readonly status: 403 | 404,
    readonly reason: 'forbidden' | 'csrf' | 'notFound',
  ) {
    super(reason);
  }
}

/** The pages' own refusals, named like the domain's: each has its sentence in both catalogues. */
export const PAGE_REFUSAL_CODES = [
  'no-pledge',
  'withdraw-unconfirmed',
  'form-unknown',
  'form-pending',
  'projection-unknown',
] as const;
export type PageRefusalCode = (typeof PAGE_REFUSAL_CODES)[number];

/** A form the page itself refuses: a problem with the page's code, worded as a refusal is. */
export function pageRefusal(
  status: 400 | 404 | 409,
  detail: string,
  code: PageRefusalCode,
  errors?: readonly FieldError[],
): ProblemException {
  return new ProblemException(problem(status, detail, errors, code));
}

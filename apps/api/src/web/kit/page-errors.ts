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

import type { FastifyRequest } from 'fastify';
import type { I18n } from '../i18n/locale';
import type { WebSession } from '../session/web-sessions';

/** What every page renders with: language, session, CSRF token and where it is. */
export interface PageContext {
  readonly i18n: I18n;
  readonly session?: WebSession;
  readonly csrf: string;
  /** Path and query of the request, for the language switch and sign-in's way back. */
  readonly url: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    page?: PageContext;
  }
}

export function pageContext(request: FastifyRequest): PageContext {
  if (!request.page) throw new Error('No page context: the route is not a page');
  return request.page;
}

/** A signed-in page's session (the guard has made sure there is one). */
export function sessionOf(request: FastifyRequest): WebSession {
  const session = pageContext(request).session;
  if (!session) throw new Error('This page needs a session');
  return session;
}

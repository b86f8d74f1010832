import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { i18n, LANG_COOKIE, requestLocale } from '../i18n/locale';
import { readCookies, setCookie } from './cookies';
import { PAGE_ACCESS, type PageAccess } from './page-roles';
import type { PageContext } from './page-context';
import { PageRedirect, PageRefused } from './page-errors';
import { WebSessions } from '../session/web-sessions';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Opens the session from its cookie, picks the language, refuses forms without this visitor's CSRF
 * token or from another origin, and applies the page's access rule.
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: WebSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const { session } = await openPage(this.sessions, request, reply);

    if (request.method === 'POST') {
      const token = (request.body as Record<string, unknown> | undefined)?.['_csrf'];
      if (!sameOrigin(request) || !this.sessions.csrfValid(request, token, session))
        throw new PageRefused(403, 'csrf');
    }
    const access = this.reflector.getAllAndOverride<PageAccess | undefined>(PAGE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'anyone') return true;
    if (!session) {
      const back = request.method === 'GET' ? request.url : '/';
      throw new PageRedirect(`/login?next=${encodeURIComponent(back)}`, 303);
    }
    if (access === undefined || !access.includes(session.role))
      throw new PageRefused(403, 'forbidden');
    return true;
  }
}

/**
 * The visitor's page context: the session from its cookie (its key still active), the language
 * (remembered when chosen), this visitor's CSRF token. Kept on the request for the page and its
 * error page; answers it.
 */
export async function openPage(
  sessions: WebSessions,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<PageContext> {
  const cookies = readCookies(request);
  const { locale, remember } = requestLocale(request, cookies);
  if (remember) setCookie(request, reply, LANG_COOKIE, locale, { maxAgeSeconds: YEAR_SECONDS });
  const session = await sessions.open(request, reply);
  if (session) {
    request.principal = {
      kind: 'key',
      keyId: session.keyId,
      role: session.role,
      ...(session.organisationId === undefined ? {} : { organisationId: session.organisationId }),
    };
  }
  let csrf: string | undefined;
  request.page = {
    i18n: i18n(locale),
    // Made when a form first asks for it: a signed-out visitor to a page without one (the registry,
    // a pledge, the practices) is given no cookie.
    get csrf() {
      return (csrf ??= sessions.csrfToken(request, reply, session));
    },
    url: request.url,
    ...(session ? { session } : {}),
  };
  void reply.header('cache-control', 'no-store').header('vary', 'cookie');
  return request.page;
}

/**
 * A form posted from another site is refused. Browsers say where a post comes from: Sec-Fetch-Site,
 * and Origin (which is "null" under a no-referrer policy, so Sec-Fetch-Site decides then). A client
 * that sends neither is no browser, and the CSRF token alone applies.
 */
function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

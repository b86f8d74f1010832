import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticator } from '../../auth/authenticator';
import { html } from '../kit/html';
import { pageHeading } from '../kit/layout';
import { field } from '../kit/form';
import { button, formSecrets, textInput } from '../kit/fields';
import { Pages, PublicPage } from '../kit/page-access';
import { pageContext, type PageContext } from '../kit/page-context';
import { PageRedirect } from '../kit/page-errors';
import { sendPage } from '../kit/page-response';
import { WebSessions } from '../session/web-sessions';
import type { ApiRole } from '@pact/infrastructure';

const HOME_OF: Record<ApiRole, string> = {
  participant: '/workspace',
  reviewer: '/review',
  analyst: '/analytics',
  admin: '/admin',
};

/** Only a path of this site: never another host (`//evil`, `/\evil`), never back to sign-in. */
function safeNext(next: string): string | undefined {
  return /^\/(?![/\\])/.test(next) && !next.startsWith('/login') ? next : undefined;
}

@Controller()
@Pages()
export class SignInPage {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly sessions: WebSessions,
  ) {}

  @Get('login')
  @PublicPage()
  show(
    @Query('next') next: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): string {
    return this.render(reply, pageContext(request), typeof next === 'string' ? next : '');
  }

  @Post('login')
  @PublicPage()
  async signIn(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const context = pageContext(request);
    const key = field(request.body, 'key');
    const next = field(request.body, 'next');
    const principal = key
      ? await this.authenticator.authenticate(`Bearer ${key}`).catch(() => undefined)
      : undefined;
    if (principal?.kind !== 'key') return this.render(reply, context, next, true);
    this.sessions.start(request, reply, principal);
    throw new PageRedirect(safeNext(next) ?? HOME_OF[principal.role]);
  }

  @Post('logout')
  @PublicPage()
  signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): never {
    const session = pageContext(request).session;
    if (session) this.sessions.end(request, reply, session);
    throw new PageRedirect('/');
  }

  private render(reply: FastifyReply, context: PageContext, next: string, failed = false): string {
    const { t } = context.i18n;
    return sendPage(
      reply,
      context,
      {
        title: t('auth.title'),
        ...(failed ? { notice: { kind: 'error' as const, text: t('auth.invalid') } } : {}),
        body: html`${pageHeading(t('auth.title'))}
          <p>${t('auth.intro')}</p>
          <form method="post" action="/login" class="pact-form">
            ${formSecrets(context.csrf)}
            <input type="hidden" name="next" value="${next}" />
            ${textInput({ id: 'key', name: 'key', label: t('auth.key'), type: 'password', autocomplete: 'off', required: true, help: t('auth.keyHelp') })}
            ${button(t('auth.signIn'))}
          </form>
          <p><a class="ecl-link ecl-link--standalone" href="/join">${t('home.toJoin')}</a></p>`,
      },
      failed ? 401 : 200,
    );
  }
}

import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from '../../http/problem';
import { logFailure } from '../../http/problem.filter';
import { i18n, requestLocale } from '../i18n/locale';
import { readCookies } from './cookies';
import { html } from './html';
import { layout, pageHeading } from './layout';
import type { PageContext } from './page-context';
import { PageRedirect, PageRefused } from './page-errors';
import { refusalText } from './refusal-text';

const REFUSALS: Partial<Record<number, 'notFound' | 'forbidden'>> = {
  404: 'notFound',
  403: 'forbidden',
};

/** An address Fastify's router could not read (a broken percent-escape): said as such. */
const isBadAddress = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === 'FST_ERR_BAD_URL';

/** Errors on pages are pages: a redirect, or a heading and a sentence with the right status. */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('web');

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof PageRedirect) {
      void reply.status(error.status).header('location', error.location).send();
      return;
    }
    // Before a page's guard ran (its form could not be read, say), in the language the visitor chose.
    const context: PageContext = request.page ?? {
      i18n: i18n(requestLocale(request, readCookies(request)).locale),
      csrf: '',
      url: request.url,
    };
    const { t } = context.i18n;
    let status: number;
    let heading: string;
    let detail: string;
    if (error instanceof PageRefused) {
      status = error.status;
      heading = t(error.status === 404 ? 'error.notFound' : 'error.forbidden');
      detail = t(`error.${error.reason}.detail`);
    } else {
      const { problem } = toProblem(error);
      status = problem.status;
      if (status >= 500) logFailure(this.logger, request, error);
      const refusal = REFUSALS[status] ?? (isBadAddress(error) ? 'badAddress' : undefined);
      heading = refusal ? t(`error.${refusal}`) : t('error.generic');
      // In the page's language: not found and forbidden read as the page's own refusals do, the
      // rest by their code or status, never in the API's English.
      detail =
        status >= 500
          ? t('error.internal')
          : refusal
            ? t(`error.${refusal}.detail`)
            : refusalText(context.i18n, problem).text;
    }
    void reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(
        layout(context, {
          title: heading,
          body: html`${pageHeading(heading)}
            <p class="ecl-u-type-paragraph">${detail}</p>
            <p><a class="ecl-link ecl-link--standalone" href="/">${t('error.home')}</a></p>`,
        }),
      );
  }
}

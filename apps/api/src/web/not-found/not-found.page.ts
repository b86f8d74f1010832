import { Controller, Get, Logger, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { prefers } from '../../http/accept';
import { notFound } from '../../http/problem';
import { sendProblem } from '../../http/problem.filter';
import { Pages, PublicPage } from '../kit/page-access';
import { PageRefused } from '../kit/page-errors';

/**
 * Any address no route answers: a browser gets the page-not-found page, in its language and with
 * its session's header; the API's clients (`/v1/…`, or anyone not asking for HTML first) get its
 * problem+json 404 as before.
 */
@Controller()
@Pages()
export class NotFoundPage {
  private readonly logger = new Logger('web');

  @Get('*')
  @PublicPage()
  notFound(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/v1/') || !prefers(request.headers.accept, 'text/html')) {
      sendProblem(reply, notFound(`Cannot GET ${path}`), this.logger);
      return;
    }
    throw new PageRefused(404, 'notFound');
  }
}

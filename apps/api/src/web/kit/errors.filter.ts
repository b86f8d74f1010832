import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { prefers } from '../../http/accept';
import { ProblemFilter } from '../../http/problem.filter';
import { isApiPath } from './form';
import { PageErrorFilter } from './page-error.filter';

/**
 * The app's last word on an error no route's own filter took: what fails before a page's handler
 * runs (a form too large to read, a body of a type no form sends) is a page for a browser on a
 * page's address, and problem+json for everything else, the API's addresses always.
 */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();
  private readonly pages = new PageErrorFilter();

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const page = !isApiPath(request.url) && prefers(request.headers.accept, 'text/html');
    (page ? this.pages : this.problems).catch(error, host);
  }
}

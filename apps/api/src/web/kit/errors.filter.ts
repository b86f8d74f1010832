import { Catch, Injectable, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { prefers } from '../../http/accept';
import { ProblemFilter } from '../../http/problem.filter';
import { isApiPath } from './form';
import { WebSessions } from '../session/web-sessions';
import { PageErrorFilter } from './page-error.filter';
import { openPage } from './page.guard';

/**
 * The app's last word on an error no route's own filter took: what fails before a page's handler
 * runs (a form too large to read, a body of a type no form sends) is a page for a browser on a
 * page's address, and problem+json for everything else, the API's addresses always.
 */
@Catch()
@Injectable()
export class ErrorsFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();
  private readonly pages = new PageErrorFilter();

  constructor(private readonly sessions: WebSessions) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const page = !isApiPath(request.url) && prefers(request.headers.accept, 'text/html');
    if (!page) return this.problems.catch(error, host);
    if (request.page) return this.pages.catch(error, host);
    // The page's guard has not run: the error page opens the session itself, so its header shows
    // the visitor signed in (role's navigation, Sign out) as every other page does.
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const answer = () => this.pages.catch(error, host);
    // A session that cannot be opened (the key store failing) leaves the page signed out.
    void openPage(this.sessions, request, reply)
      .then(answer, answer)
      .catch((failure: unknown) => this.problems.catch(failure, host));
  }
}

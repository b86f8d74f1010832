import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotentReplay } from './command-request.interceptor';
import { onTheWire, ProblemException, toProblem } from './problem';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof IdempotentReplay) {
      const { status, body, headers } = error.response;
      void reply.status(status).headers({ ...headers, 'idempotent-replayed': 'true' });
      if (status >= 400) void reply.type('application/problem+json');
      void reply.send(status === 204 ? undefined : body);
      return;
    }
    sendProblem(reply, error, this.logger);
  }
}

export function sendProblem(reply: FastifyReply, error: unknown, logger: Logger): void {
  const { problem, headers } = toProblem(error);
  if (problem.status >= 500) {
    // A 503 the app gives on purpose (the read models not there yet, Redis away: retry later) is
    // a warning with its detail; anything else is a failure, logged with its stack.
    if (error instanceof ProblemException && problem.status === 503)
      logger.warn({ correlationId: reply.request.correlationId, msg: problem.detail });
    else logFailure(logger, reply.request, error);
  }
  void reply
    .status(problem.status)
    .headers(headers)
    .type('application/problem+json')
    .send(onTheWire(problem));
}

/** An unexpected error's line, with the request's correlation id to find the request's own line. */
export function logFailure(logger: Logger, request: FastifyRequest, error: unknown): void {
  logger.error({
    correlationId: request.correlationId,
    msg: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
}

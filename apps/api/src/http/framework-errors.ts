import { Logger, type ExceptionFilter } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parse } from 'node:querystring';
import { onTheWire, problem } from './problem';
import { sendProblem } from './problem.filter';

const logger = new Logger('http');

/** Sets a response's headers the way a Connect middleware does (helmet's security headers). */
type HeaderMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * What Fastify answers itself before any route runs (a path with a broken percent-escape, a path
 * parameter past the router's length limit), answered as every other error is, with the same
 * security headers (no request hook has run): by the app's own filter once the app exists (a page
 * for a browser on a page's address, problem+json otherwise), never in Fastify's own JSON shape. The
 * adapter needs this handler before the app, and so its filter, is made: `filter` names it when asked.
 */
export function frameworkErrors(
  filter: () => ExceptionFilter | undefined,
  securityHeaders: HeaderMiddleware,
) {
  return (error: Error, request: FastifyRequest, reply: FastifyReply): void => {
    // Fastify leaves the query unread here; an error page reads the visitor's language from it.
    const search = request.url.indexOf('?');
    request.query ??= parse(search < 0 ? '' : request.url.slice(search + 1));
    securityHeaders(request.raw, reply.raw, () => {
      const errors = filter();
      if (errors) errors.catch(error, new ExecutionContextHost([request, reply]));
      else sendProblem(reply, error, logger);
    });
  };
}

/**
 * A request Node's HTTP parser cannot read (bytes a request line may not hold, headers past the
 * size limit, a request that took too long): answered as problem+json on the raw socket, which is
 * then closed, as Node and Fastify do. A connection already gone gets nothing.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request was not received in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers exceed the size limit']
        : [400, 'The request is not valid HTTP'];
  const answer = problem(status, detail);
  const body = JSON.stringify(onTheWire(answer));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${answer.title}\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}

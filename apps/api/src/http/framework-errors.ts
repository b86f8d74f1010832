import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { onTheWire, problem } from './problem';
import { sendProblem } from './problem.filter';

const logger = new Logger('http');

/**
 * What Fastify answers itself before any route runs (a path with a broken percent-escape, a path
 * parameter past the router's length limit): as problem+json, like every other error, not in
 * Fastify's own JSON shape.
 */
export function frameworkErrors(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(reply, error, logger);
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

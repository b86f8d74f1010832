import type { CommandResult } from '@pact/application';
import type { FastifyReply } from 'fastify';

/** Sets the ETag (and Location) of a command's response and returns its body. */
export function respond<T extends CommandResult>(
  reply: FastifyReply,
  body: T,
  location?: string,
): T {
  void reply.header('etag', `"${body.revision}"`);
  if (location !== undefined) void reply.header('location', location);
  return body;
}

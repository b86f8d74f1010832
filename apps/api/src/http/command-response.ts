import type { FastifyReply } from 'fastify';

export interface CommandResponse {
  readonly revision: number;
  readonly position: string;
}

/** Sets the ETag (and Location) of a command's response and returns its body. */
export function respond<T extends CommandResponse>(
  reply: FastifyReply,
  body: T,
  location?: string,
): T {
  void reply.header('etag', `"${body.revision}"`);
  if (location !== undefined) void reply.header('location', location);
  return body;
}

export function written(result: { revision: number; position: bigint }): CommandResponse {
  return { revision: result.revision, position: String(result.position) };
}

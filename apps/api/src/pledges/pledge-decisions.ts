import type { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { commandContext } from '../http/command-request.interceptor';
import { respond, type CommandResponse } from '../http/command-response';
import { ActOnPledgeCommand } from './act-on-pledge';

/** Sends one pledge command for a request and answers with its revision and position. */
export async function decideOnPledge(
  commands: CommandBus,
  pledgeId: string,
  request: FastifyRequest,
  reply: FastifyReply,
  command: (at: string) => ActOnPledgeCommand['command'],
): Promise<CommandResponse> {
  const context = commandContext(request);
  const result = await commands.execute<ActOnPledgeCommand, CommandResponse>(
    new ActOnPledgeCommand(pledgeId, command(context.now.toISOString()), context),
  );
  return respond(reply, result);
}

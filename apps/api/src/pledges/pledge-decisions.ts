import { ActOnPledgeCommand } from '@pact/commands';
import type { CommandResult } from '@pact/application';
import type { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { commandContext } from '../http/command-request.interceptor';
import { respond } from '../http/command-response';

/** Sends one pledge command for a request and answers with its revision and position. */
export async function decideOnPledge(
  commands: CommandBus,
  pledgeId: string,
  request: FastifyRequest,
  reply: FastifyReply,
  command: (at: string) => ActOnPledgeCommand['command'],
): Promise<CommandResult> {
  const context = commandContext(request);
  const result = await commands.execute(
    new ActOnPledgeCommand(pledgeId, command(context.now.toISOString()), context),
  );
  return respond(reply, result);
}

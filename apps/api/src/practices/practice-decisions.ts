import { ActOnPracticeCommand } from '@pact/commands';
import type { CommandResult } from '@pact/application';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandBus } from '@nestjs/cqrs';
import { commandContext } from '../http/command-request.interceptor';
import { respond } from '../http/command-response';

/** Sends one practice command for a request and answers with its revision and position. */
export async function decideOnPractice(
  commands: CommandBus,
  practiceId: string,
  request: FastifyRequest,
  reply: FastifyReply,
  command: (at: string) => ActOnPracticeCommand['command'],
): Promise<CommandResult> {
  const context = commandContext(request);
  const result = await commands.execute(
    new ActOnPracticeCommand(practiceId, command(context.now.toISOString()), context),
  );
  return respond(reply, result);
}

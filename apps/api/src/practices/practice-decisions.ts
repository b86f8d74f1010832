import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandBus } from '@nestjs/cqrs';
import { commandContext } from '../http/command-request.interceptor';
import { respond, type CommandResponse } from '../http/command-response';
import { ActOnPracticeCommand } from './act-on-practice';

/** Sends one practice command for a request and answers with its revision and position. */
export async function decideOnPractice(
  commands: CommandBus,
  practiceId: string,
  request: FastifyRequest,
  reply: FastifyReply,
  command: (at: string) => ActOnPracticeCommand['command'],
): Promise<CommandResponse> {
  const context = commandContext(request);
  const result = await commands.execute<ActOnPracticeCommand, CommandResponse>(
    new ActOnPracticeCommand(practiceId, command(context.now.toISOString()), context),
  );
  return respond(reply, result);
}

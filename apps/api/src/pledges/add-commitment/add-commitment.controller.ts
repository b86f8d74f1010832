import { AddCommitmentCommand } from '@pact/commands';
import type { CommandResult } from '@pact/application';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { respond } from '../../http/command-response';
import { CommitmentDto } from '../pledge.dto';

@Controller('v1/pledges')
export class AddCommitmentController {
  constructor(private readonly commands: CommandBus) {}

  /** An incremental objective: one more commitment with its actions. */
  @Post(':id/commitments')
  @Allow('participant')
  @HttpCode(201)
  async add(
    @Param('id') pledgeId: string,
    @Body() body: CommitmentDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    const command = new AddCommitmentCommand(pledgeId, body, commandContext(request));
    return respond(reply, await this.commands.execute(command));
  }
}

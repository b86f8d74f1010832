import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { respond, type CommandResponse } from '../../http/command-response';
import { EmptyDto } from '../../http/empty.dto';
import { ActOnPledgeCommand } from '../act-on-pledge';

@Controller('v1/pledges')
export class PublishPledgeController {
  constructor(private readonly commands: CommandBus) {}

  /** The pledge enters the public registry. */
  @Post(':id/publish')
  @Allow('reviewer')
  @HttpCode(200)
  async publish(
    @Param('id') pledgeId: string,
    @Body() _body: EmptyDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const context = commandContext(request);
    const command = new ActOnPledgeCommand(
      pledgeId,
      { type: 'PublishPledge', data: { publishedAt: context.now.toISOString() } },
      context,
    );
    return respond(
      reply,
      await this.commands.execute<ActOnPledgeCommand, CommandResponse>(command),
    );
  }
}

import type { CommandResult } from '@pact/application';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { decideOnPledge } from '../pledge-decisions';
import { EmptyDto } from '../../http/empty.dto';

@Controller('v1/pledges')
export class PublishPledgeController {
  constructor(private readonly commands: CommandBus) {}

  /** The pledge enters the public registry. */
  @Post(':id/publish')
  @Allow('reviewer')
  @HttpCode(200)
  publish(
    @Param('id') pledgeId: string,
    @Body() _body: EmptyDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return decideOnPledge(this.commands, pledgeId, request, reply, (publishedAt) => ({
      type: 'PublishPledge',
      data: { publishedAt },
    }));
  }
}

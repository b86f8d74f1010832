import type { CommandResult } from '@pact/application';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { EmptyDto } from '../../http/empty.dto';
import { decideOnPractice } from '../practice-decisions';

@Controller('v1/practices')
export class PublishPracticeController {
  constructor(private readonly commands: CommandBus) {}

  /** Publication needs the owner's consent (409 without); it is no endorsement. */
  @Post(':id/publish')
  @Allow('reviewer')
  @HttpCode(200)
  publish(
    @Param('id') practiceId: string,
    @Body() _body: EmptyDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return decideOnPractice(this.commands, practiceId, request, reply, (publishedAt) => ({
      type: 'PublishPractice',
      data: { publishedAt },
    }));
  }
}

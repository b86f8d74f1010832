import { SharePracticeCommand, type SharePracticeResult } from '@pact/commands';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { respond } from '../../http/command-response';
import { PracticeDto } from '../practice.dto';

@Controller('v1/practices')
export class SharePracticeController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('participant')
  @HttpCode(201)
  async share(
    @Body() body: PracticeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SharePracticeResult> {
    const context = commandContext(request);
    const command = new SharePracticeCommand(context.actor.organisationId!, body, context);
    const result = await this.commands.execute(command);
    return respond(reply, result, `/v1/practices/${result.practiceId}`);
  }
}

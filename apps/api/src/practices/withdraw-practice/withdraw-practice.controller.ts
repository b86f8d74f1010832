import type { CommandResult } from '@pact/application';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { EmptyDto } from '../../http/empty.dto';
import { decideOnPractice } from '../practice-decisions';

@Controller('v1/practices')
export class WithdrawPracticeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/withdraw')
  @Allow('participant')
  @HttpCode(200)
  withdraw(
    @Param('id') practiceId: string,
    @Body() _body: EmptyDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return decideOnPractice(this.commands, practiceId, request, reply, (withdrawnAt) => ({
      type: 'WithdrawPractice',
      data: { withdrawnAt },
    }));
  }
}

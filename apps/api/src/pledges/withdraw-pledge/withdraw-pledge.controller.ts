import type { CommandResult } from '@pact/application';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IsString, Length } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { decideOnPledge } from '../pledge-decisions';
import { NotBlank } from '../../http/text-rules';

export class WithdrawPledgeDto {
  @IsString() @Length(1, 2000) @NotBlank() reason!: string;
}

@Controller('v1/pledges')
export class WithdrawPledgeController {
  constructor(private readonly commands: CommandBus) {}

  /** Withdrawal is final: the pledge accepts no further command and its prompts stop. */
  @Post(':id/withdraw')
  @Allow('participant')
  @HttpCode(200)
  withdraw(
    @Param('id') pledgeId: string,
    @Body() body: WithdrawPledgeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return decideOnPledge(this.commands, pledgeId, request, reply, (withdrawnAt) => ({
      type: 'WithdrawPledge',
      data: { reason: body.reason, withdrawnAt },
    }));
  }
}

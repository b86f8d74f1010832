import type { CommandResult } from '@pact/application';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IsString, Length } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { decideOnPractice } from '../practice-decisions';
import { NotBlank } from '../../http/text-rules';

export class RejectPracticeDto {
  @IsString() @Length(1, 2000) @NotBlank() reason!: string;
}

@Controller('v1/practices')
export class RejectPracticeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/reject')
  @Allow('reviewer')
  @HttpCode(200)
  reject(
    @Param('id') practiceId: string,
    @Body() body: RejectPracticeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return decideOnPractice(this.commands, practiceId, request, reply, (rejectedAt) => ({
      type: 'RejectPractice',
      data: { reason: body.reason, rejectedAt },
    }));
  }
}

import type { CommandResult } from '@pact/application';
import { Body, Controller, HttpCode, Param, Patch, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PartialType } from '@nestjs/mapped-types';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NullRefused } from '../../http/validation.pipe';
import { Allow } from '../../auth/access.decorator';
import { decideOnPractice } from '../practice-decisions';
import { PracticeDto } from '../practice.dto';

@NullRefused()
export class RevisePracticeDto extends PartialType(PracticeDto) {}

@Controller('v1/practices')
export class RevisePracticeController {
  constructor(private readonly commands: CommandBus) {}

  /** Changes some fields; a revised practice goes back to review. */
  @Patch(':id')
  @Allow('participant')
  @HttpCode(200)
  revise(
    @Param('id') practiceId: string,
    @Body() changes: RevisePracticeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return decideOnPractice(this.commands, practiceId, request, reply, (revisedAt) => ({
      type: 'RevisePractice',
      data: { changes: { ...changes }, revisedAt },
    }));
  }
}

import type { MilestoneOutcome } from '@pact/domain';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IsIn, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { respond, type CommandResponse } from '../../http/command-response';
import { ActOnPledgeCommand } from '../act-on-pledge';

export class ReviewMilestoneDto {
  @IsString() @IsIn(['accepted', 'clarification-requested']) outcome!: MilestoneOutcome;
  @IsString() @MaxLength(10_000) comment!: string;
}

@Controller('v1/pledges')
export class ReviewMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/milestones/:milestoneId/review')
  @Allow('reviewer')
  @HttpCode(200)
  async review(
    @Param('id') pledgeId: string,
    @Param('milestoneId') milestoneId: string,
    @Body() body: ReviewMilestoneDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const context = commandContext(request);
    const command = new ActOnPledgeCommand(
      pledgeId,
      {
        type: 'ReviewMilestone',
        data: {
          milestoneId,
          outcome: body.outcome,
          comment: body.comment,
          reviewedAt: context.now.toISOString(),
        },
      },
      context,
    );
    return respond(
      reply,
      await this.commands.execute<ActOnPledgeCommand, CommandResponse>(command),
    );
  }
}

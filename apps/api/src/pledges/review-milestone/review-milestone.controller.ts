import type { CommandResult } from '@pact/application';
import type { MilestoneOutcome } from '@pact/domain';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IsIn, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { decideOnPledge } from '../pledge-decisions';
import { ExplainedWhen } from '../../http/text-rules';

export class ReviewMilestoneDto {
  @IsString() @IsIn(['accepted', 'clarification-requested']) outcome!: MilestoneOutcome;
  @IsString()
  @MaxLength(10_000)
  @ExplainedWhen<ReviewMilestoneDto>('outcome', 'clarification-requested')
  comment!: string;
}

@Controller('v1/pledges')
export class ReviewMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/milestones/:milestoneId/review')
  @Allow('reviewer')
  @HttpCode(200)
  review(
    @Param('id') pledgeId: string,
    @Param('milestoneId') milestoneId: string,
    @Body() body: ReviewMilestoneDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    return decideOnPledge(this.commands, pledgeId, request, reply, (reviewedAt) => ({
      type: 'ReviewMilestone',
      data: { milestoneId, outcome: body.outcome, comment: body.comment, reviewedAt },
    }));
  }
}

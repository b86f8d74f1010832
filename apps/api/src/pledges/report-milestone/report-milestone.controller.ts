import { ReportMilestoneCommand, type ReportMilestoneResult } from '@pact/commands';
import { ACTION_STATUSES, type ActionStatus } from '@pact/domain';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { Nested } from '../../http/nested';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { respond } from '../../http/command-response';
import { NoControlCharacters, NotBlank } from '../../http/text-rules';

export class ActionUpdateDto {
  @IsString() @Length(1, 100) actionId!: string;
  @IsString() @IsIn(ACTION_STATUSES) status!: ActionStatus;
}

/** What makes two action updates the same for `ArrayUnique`: the action they update. */
const actionOf = (update: unknown): unknown =>
  typeof update === 'object' && update !== null
    ? (update as { actionId?: unknown }).actionId
    : update;

export class ReportMilestoneDto {
  @IsString() @Length(1, 100) commitmentCode!: string;
  @IsString() @Length(1, 10_000) @NotBlank() summary!: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique(actionOf, { message: 'each action may be updated once in a report' })
  @Nested(() => ActionUpdateDto, { each: true })
  actionUpdates?: ActionUpdateDto[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  @IsUrl(
    { protocols: ['https'], require_protocol: true },
    {
      each: true,
      message: 'each evidence URL must be an https URL such as https://example.org/report',
    },
  )
  @NoControlCharacters({ each: true })
  evidenceUrls?: string[];
}

@Controller('v1/pledges')
export class ReportMilestoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/milestones')
  @Allow('participant')
  @HttpCode(201)
  async report(
    @Param('id') pledgeId: string,
    @Body() body: ReportMilestoneDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportMilestoneResult> {
    const report = {
      commitmentCode: body.commitmentCode,
      summary: body.summary,
      actionUpdates: (body.actionUpdates ?? []).map(({ actionId, status }) => ({
        actionId,
        status,
      })),
      evidenceUrls: body.evidenceUrls ?? [],
    };
    const command = new ReportMilestoneCommand(pledgeId, report, commandContext(request));
    return respond(reply, await this.commands.execute(command));
  }
}

import { RecordTimelineVersionCommand, type RecordTimelineVersionResult } from '@pact/commands';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ArrayMaxSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { Nested } from '../http/nested';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../auth/access.decorator';
import { commandContext } from '../http/command-request.interceptor';
import { respond } from '../http/command-response';
import { NotBlank } from '../http/text-rules';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class TimelineEntryDto {
  @IsString()
  @Matches(ISO_DATE, { message: 'date must be an ISO date (YYYY-MM-DD)' })
  date!: string;
  @IsString() @Length(1, 500) @NotBlank() what!: string;
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  provisions!: string[];
}

export class TimelineVersionDto {
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9./_-]{0,99}$/, {
    message: 'version must be 1 to 100 letters, digits, dots, slashes, dashes or underscores',
  })
  version!: string;
  @IsString() @Length(1, 200) @NotBlank() act!: string;
  @IsString()
  @Matches(ISO_DATE, { message: 'inForceFrom must be an ISO date (YYYY-MM-DD)' })
  inForceFrom!: string;
  @IsArray()
  @ArrayMaxSize(100)
  @Nested(() => TimelineEntryDto, { each: true })
  dates!: TimelineEntryDto[];
}

@Controller('v1/admin/ai-act-timeline')
export class RecordTimelineVersionController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Records a new version of the AI Act's timeline (an amending act) in the timeline's stream;
   * pledges whose provisions it moves are notified by the worker.
   */
  @Post()
  @Allow('admin')
  @HttpCode(201)
  async record(
    @Body() body: TimelineVersionDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordTimelineVersionResult> {
    const result = await this.commands.execute(
      new RecordTimelineVersionCommand(
        {
          version: body.version,
          act: body.act,
          inForceFrom: body.inForceFrom,
          dates: body.dates.map(({ date, what, provisions }) => ({ date, what, provisions })),
        },
        commandContext(request),
      ),
    );
    return respond(reply, result, '/v1/ai-act-timeline');
  }
}

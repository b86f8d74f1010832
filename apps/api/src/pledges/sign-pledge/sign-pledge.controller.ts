import { SignPledgeCommand, type SignPledgeResult } from '@pact/commands';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsString, Length } from 'class-validator';
import { Nested } from '../../http/nested';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { respond } from '../../http/command-response';
import { CommitmentDto } from '../pledge.dto';
import { NotBlank } from '../../http/text-rules';

export class SignatoryDto {
  @IsString() @Length(1, 200) @NotBlank() name!: string;
  @IsString() @Length(1, 200) @NotBlank() position!: string;
}

export class SignPledgeDto {
  @IsDefined() @Nested(() => SignatoryDto) signatory!: SignatoryDto;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Nested(() => CommitmentDto, { each: true })
  commitments!: CommitmentDto[];
}

@Controller('v1/pledges')
export class SignPledgeController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('participant')
  @HttpCode(201)
  async sign(
    @Body() body: SignPledgeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignPledgeResult> {
    const context = commandContext(request);
    const command = new SignPledgeCommand(
      context.actor.organisationId!,
      body.signatory,
      body.commitments,
      context,
    );
    const result = await this.commands.execute(command);
    return respond(reply, result, `/v1/pledges/${result.pledgeId}`);
  }
}

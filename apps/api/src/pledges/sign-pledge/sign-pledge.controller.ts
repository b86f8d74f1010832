import { SignPledgeCommand, type SignPledgeResult } from '@pact/commands';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsObject,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
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
  @IsDefined() @IsObject() @ValidateNested() @Type(() => SignatoryDto) signatory!: SignatoryDto;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CommitmentDto)
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

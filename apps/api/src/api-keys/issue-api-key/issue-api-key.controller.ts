import { IssueApiKeyCommand, type IssuedApiKey } from '@pact/commands';
import { API_ROLES, type ApiRole } from '@pact/infrastructure';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { IsDateOrInstant, NotBlank } from '../../http/text-rules';

export class IssueApiKeyDto {
  @IsString() @IsIn(API_ROLES) role!: ApiRole;
  @IsOptional() @IsUUID() organisationId?: string;
  @IsString() @Length(1, 200) @NotBlank() label!: string;
  /** After this instant (a date: its start, UTC) the key is refused (401). */
  @IsOptional() @IsDateOrInstant() expiresAt?: string;
}

@Controller('v1/api-keys')
export class IssueApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  /** The key is in this response only; the server keeps a hash of it. */
  @Post()
  @Allow('admin')
  @HttpCode(201)
  issue(@Body() body: IssueApiKeyDto, @Req() request: FastifyRequest): Promise<IssuedApiKey> {
    return this.commands.execute(new IssueApiKeyCommand(body, commandContext(request)));
  }
}

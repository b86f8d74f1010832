import { RegisterOrganisationCommand, type RegisterOrganisationResult } from '@pact/commands';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Anyone } from '../../auth/access.decorator';
import { openCommandContext } from '../../http/command-request.interceptor';
import { respond } from '../../http/command-response';
import { RateLimitedForAnonymous } from '../../http/rate-limit/rate-limit.guard';
import { OrganisationProfileDto } from '../organisation.dto';

@Controller('v1/organisations')
export class RegisterOrganisationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Anyone()
  @RateLimitedForAnonymous()
  @HttpCode(201)
  async register(
    @Body() profile: OrganisationProfileDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegisterOrganisationResult> {
    const command = new RegisterOrganisationCommand(profile, openCommandContext(request));
    const result = await this.commands.execute(command);
    return respond(reply, result, `/v1/organisations/${result.organisationId}`);
  }
}

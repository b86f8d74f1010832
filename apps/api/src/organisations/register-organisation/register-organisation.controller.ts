import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Anyone } from '../../auth/access.decorator';
import { toActor } from '../../auth/principal';
import { OrganisationProfileDto } from '../organisation.dto';
import {
  RegisterOrganisationCommand,
  type RegisterOrganisationResult,
} from './register-organisation.handler';

@Controller('v1/organisations')
export class RegisterOrganisationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Anyone()
  @HttpCode(201)
  async register(
    @Body() profile: OrganisationProfileDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegisterOrganisationResult> {
    const principal = request.principal;
    const result = await this.commands.execute<
      RegisterOrganisationCommand,
      RegisterOrganisationResult
    >(
      new RegisterOrganisationCommand(profile, {
        ...request.command!,
        causationId: request.command!.commandId,
        ...(principal?.kind === 'key' ? { actor: toActor(principal) } : {}),
      }),
    );
    void reply
      .header('location', `/v1/organisations/${result.organisationId}`)
      .header('etag', `"${result.revision}"`);
    return result;
  }
}

import { ChangeOrganisationDetailsCommand } from '@pact/commands';
import type { CommandResult } from '@pact/application';
import { Body, Controller, HttpCode, Param, Patch, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PartialType } from '@nestjs/mapped-types';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NullRefused } from '../../http/validation.pipe';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { respond } from '../../http/command-response';
import { OrganisationProfileDto } from '../organisation.dto';

/** Changes some fields; `webhookUrl: null` removes the webhook (prompts then go to the inbox only). */
@NullRefused(['webhookUrl'])
export class ChangeOrganisationDetailsDto extends PartialType(OrganisationProfileDto) {}

@Controller('v1/organisations')
export class ChangeOrganisationDetailsController {
  constructor(private readonly commands: CommandBus) {}

  /** Changes some fields of the profile; only the changed ones are recorded. */
  @Patch(':id')
  @Allow('participant', 'admin')
  @HttpCode(200)
  async change(
    @Param('id') id: string,
    @Body() changes: ChangeOrganisationDetailsDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    const command = new ChangeOrganisationDetailsCommand(
      id,
      { ...changes },
      commandContext(request),
    );
    return respond(reply, await this.commands.execute(command));
  }
}

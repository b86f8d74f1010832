import { ErasePersonalDataCommand } from '@pact/commands';
import type { CommandResult } from '@pact/application';
import { Body, Controller, HttpCode, Post, Param, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { respond } from '../../http/command-response';
import { EmptyDto } from '../../http/empty.dto';

@Controller('v1/organisations')
export class ErasePersonalDataController {
  constructor(private readonly commands: CommandBus) {}

  /** GDPR art. 17: erases the organisation's personal data (see the handler). */
  @Post(':id/erase-personal-data')
  @Allow('admin')
  @HttpCode(200)
  async erase(
    @Param('id') organisationId: string,
    @Body() _body: EmptyDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResult> {
    const command = new ErasePersonalDataCommand(organisationId, commandContext(request));
    return respond(reply, await this.commands.execute(command));
  }
}

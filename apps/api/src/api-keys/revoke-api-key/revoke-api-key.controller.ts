import { RevokeApiKeyCommand } from '@pact/commands';
import { Body, Controller, Delete, HttpCode, Param, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { EmptyDto } from '../../http/empty.dto';

@Controller('v1/api-keys')
export class RevokeApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  /** A revoked key is answered 401 from then on, and the revocation is recorded. Revoking twice is harmless. */
  @Delete(':id')
  @Allow('admin')
  @HttpCode(204)
  revoke(
    @Param('id') id: string,
    @Body() _body: EmptyDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.commands.execute(new RevokeApiKeyCommand(id, commandContext(request)));
  }
}

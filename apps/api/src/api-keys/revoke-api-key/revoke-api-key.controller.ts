import { ApiKeyStore, revokeRecordedKey } from '@pact/infrastructure';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Controller, Delete, HttpCode, Inject, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { notFound } from '../../http/problem';

@Controller('v1/api-keys')
export class RevokeApiKeyController {
  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** A revoked key is answered 401 from then on, and the revocation is recorded. Revoking twice is harmless. */
  @Delete(':id')
  @Allow('admin')
  @HttpCode(204)
  async revoke(@Param('id') id: string, @Req() request: FastifyRequest): Promise<void> {
    if (!(await revokeRecordedKey(this.keys, this.store, id, commandContext(request))))
      throw notFound('API key not found');
  }
}

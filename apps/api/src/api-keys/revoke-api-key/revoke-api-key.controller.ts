import { CLOCK, handle, type Clock } from '@pact/application';
import { apiKeyDecider, apiKeyStream, NotFoundError } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { ApiKeyStore } from '@pact/infrastructure';
import { Controller, Delete, HttpCode, Inject, Logger, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { notFound } from '../../http/problem';

@Controller('v1/api-keys')
export class RevokeApiKeyController {
  private readonly logger = new Logger('api-keys');

  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A revoked key is answered 401 from then on. The key is refused first and the revocation
   * recorded after, so a failure between the two errs on the side of the key not working; a
   * retried DELETE records it then. Revoking twice is harmless.
   */
  @Delete(':id')
  @Allow('admin')
  @HttpCode(204)
  async revoke(@Param('id') id: string, @Req() request: FastifyRequest): Promise<void> {
    if (!(await this.keys.revoke(id, this.clock.now()))) throw notFound('API key not found');
    const context = commandContext(request);
    try {
      await handle(
        this.store,
        apiKeyDecider,
        apiKeyStream(id),
        { type: 'RevokeApiKey', data: { revokedAt: context.now.toISOString() } },
        context,
      );
    } catch (error) {
      // A key issued before key events were recorded has no stream to record its revocation in.
      if (!(error instanceof NotFoundError)) throw error;
      this.logger.warn(`Key ${id} has no event stream; its revocation is in the key store only`);
    }
  }
}

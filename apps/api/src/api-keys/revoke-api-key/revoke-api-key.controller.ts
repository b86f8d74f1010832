import { CLOCK, type Clock } from '@pact/application';
import { ApiKeyStore } from '@pact/infrastructure';
import { Controller, Delete, HttpCode, Inject, Param } from '@nestjs/common';
import { Allow } from '../../auth/access.decorator';
import { notFound } from '../../http/problem';

@Controller('v1/api-keys')
export class RevokeApiKeyController {
  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A revoked key is answered 401 from then on. Revoking twice is harmless. */
  @Delete(':id')
  @Allow('admin')
  @HttpCode(204)
  revoke(@Param('id') id: string): void {
    if (!this.keys.revoke(id, this.clock.now())) throw notFound('API key not found');
  }
}

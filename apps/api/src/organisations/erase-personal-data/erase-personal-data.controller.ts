import { handle } from '@pact/application';
import { organisationDecider, organisationStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { PersonalDataVault } from '@pact/infrastructure';
import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { commandContext } from '../../http/command-request.interceptor';
import { respond, written, type CommandResponse } from '../../http/command-response';
import { EmptyDto } from '../../http/empty.dto';
import { notFound } from '../../http/problem';

@Controller('v1/organisations')
export class ErasePersonalDataController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  /**
   * GDPR art. 17: destroys the organisation's personal-data key, so its contact data reads as erased
   * in history, views and exports alike, and records that it was erased. The events stay as they
   * were, so every hash chain still verifies. The key goes first: should recording fail, a retry
   * records it, and the data is already unreadable.
   */
  @Post(':id/erase-personal-data')
  @Allow('admin')
  @HttpCode(200)
  async erase(
    @Param('id') organisationId: string,
    @Body() _body: EmptyDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const [registered] = await this.store.readStream(organisationStream(organisationId), {
      maxCount: 1,
    });
    if (!registered) throw notFound('Organisation not found');
    this.vault.erase(organisationId);
    const context = commandContext(request);
    const result = await handle(
      this.store,
      organisationDecider,
      organisationStream(organisationId),
      { type: 'EraseOrganisationPersonalData', data: { erasedAt: context.now.toISOString() } },
      context,
    );
    return respond(reply, written(result));
  }
}

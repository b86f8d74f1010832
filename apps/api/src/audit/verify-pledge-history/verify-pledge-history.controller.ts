import { pledgeStream } from '@pact/domain';
import { verifyChain, type EventStore } from '@pact/event-store';
import { HeadSeals, RAW_EVENT_STORE } from '@pact/infrastructure';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { Allow } from '../../auth/access.decorator';
import { notFound } from '../../http/problem';

@Controller('v1/pledges')
export class VerifyPledgeHistoryController {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    private readonly seals: HeadSeals,
  ) {}

  /**
   * Recomputes the pledge's hash chain and checks it against the latest sealed head, which reveals a
   * stream cut short. `sealValid: false` means the seal itself no longer matches what was sealed.
   */
  @Get(':id/history/verify')
  @Allow('reviewer', 'admin')
  async verify(@Param('id') pledgeId: string) {
    const stream = pledgeStream(pledgeId);
    const events = await this.store.readStream(stream);
    const sealedHead = this.seals.head(stream);
    if (events.length === 0 && !sealedHead) throw notFound('Pledge not found');
    const latest = this.seals.latest();
    const result = verifyChain(events, sealedHead);
    const sealValid = latest?.valid ?? true;
    return {
      ...result,
      ...(sealValid ? {} : { valid: false }),
      sealedThrough: latest
        ? {
            position: latest.seal.position,
            sealedAt: latest.seal.sealedAt,
            revision: sealedHead?.revision ?? null,
          }
        : null,
      sealValid,
    };
  }
}

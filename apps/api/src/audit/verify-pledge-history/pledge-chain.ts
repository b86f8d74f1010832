import { pledgeStream } from '@pact/domain';
import { verifyChain, type ChainVerification, type EventStore } from '@pact/event-store';
import { HeadSeals, RAW_EVENT_STORE } from '@pact/infrastructure';
import { Inject, Injectable } from '@nestjs/common';

export interface PledgeChainResult extends ChainVerification {
  readonly sealedThrough: { position: string; sealedAt: string; revision: number | null } | null;
  readonly sealValid: boolean;
}

/**
 * Recomputes a pledge's hash chain from the events as stored and checks it against the latest sealed
 * head, which reveals a stream cut short. Shared by the verify endpoint and the audit page.
 */
@Injectable()
export class PledgeChain {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    private readonly seals: HeadSeals,
  ) {}

  /** Undefined when the pledge never existed (no events and no sealed head). */
  async verify(pledgeId: string): Promise<PledgeChainResult | undefined> {
    const stream = pledgeStream(pledgeId);
    const events = await this.store.readStream(stream);
    const sealedHead = await this.seals.head(stream);
    if (events.length === 0 && !sealedHead) return undefined;
    const latest = await this.seals.latest();
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

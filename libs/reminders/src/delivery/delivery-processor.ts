import { load, type Clock } from '@pact/application';
import {
  ERASED,
  organisationDecider,
  organisationStream,
  type OrganisationState,
} from '@pact/domain';
import type { EventStore } from '@pact/event-store';
import {
  webhookUrlProblem,
  type WebhookPolicy,
  type WebhookSecretStore,
} from '@pact/infrastructure';
import type { DeliveryJob } from '../queues/reminder-queues';
import type { Delivery, DeliveryLog } from './delivery-log';
import type { Mailer } from './mailer';
import { signWebhook, type DeliveryBody } from './webhook-signature';

export interface DeliveryProcessorOptions extends WebhookPolicy {
  readonly timeoutMs: number;
  /** Attempts in all; the last failure moves the delivery to the dead letters. */
  readonly attempts: number;
}

/** Nothing to deliver to any more: the delivery is closed, not retried. */
class Undeliverable extends Error {}

/** Delivers one prompt on one channel, at least once; the delivery log keeps it to once per success. */
export class DeliveryProcessor {
  constructor(
    private readonly store: EventStore,
    private readonly log: DeliveryLog,
    private readonly webhookSecrets: Pick<WebhookSecretStore, 'find'>,
    private readonly mailer: Mailer | undefined,
    private readonly clock: Clock,
    private readonly options: DeliveryProcessorOptions,
  ) {}

  close(): void {
    this.mailer?.close();
  }

  /** `attempt` counts from 1. Throws to have BullMQ retry with backoff. */
  async process(job: DeliveryJob, attempt: number): Promise<'delivered' | 'skipped'> {
    const delivery = await this.log.find(job.promptId, job.channel);
    if (delivery?.status !== 'pending') return 'skipped';
    try {
      const { state } = await load(
        this.store,
        organisationDecider,
        organisationStream(delivery.organisationId),
      );
      if (state.status !== 'registered') throw new Undeliverable('organisation not found');
      if (delivery.channel === 'webhook') await this.postWebhook(delivery, state);
      else await this.sendEmail(delivery, state);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Undeliverable) {
        await this.log.cancel(delivery.promptId, delivery.channel, message, this.clock.now());
        return 'skipped';
      }
      const final = attempt >= this.options.attempts;
      await this.log.markFailed(
        delivery.promptId,
        delivery.channel,
        message,
        final,
        this.clock.now(),
      );
      throw error;
    }
    // Sent; recorded only now. A failure to record is not a failed delivery: the job fails and runs
    // again (or the sweep puts it back), so the prompt may go out twice but is never dead-lettered
    // once delivered.
    await this.log.markDelivered(delivery.promptId, delivery.channel, this.clock.now());
    return 'delivered';
  }

  private async postWebhook(
    delivery: Delivery,
    organisation: Extract<OrganisationState, { status: 'registered' }>,
  ): Promise<void> {
    const url = organisation.webhookUrl;
    if (!url) throw new Undeliverable('the organisation has no webhook URL any more');
    // Checked again at delivery: the name may resolve elsewhere now than when it was registered.
    const problem = await webhookUrlProblem(url, this.options);
    if (problem) throw new Undeliverable(`webhook URL ${problem}`);
    const secret = await this.webhookSecrets.find(delivery.organisationId);
    if (!secret) throw new Undeliverable('the organisation has no webhook secret');
    const response = await fetch(url, {
      method: 'POST',
      body: delivery.payload,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'pact-registry-webhooks',
        'x-pact-delivery': delivery.promptId,
        'x-pact-signature': signWebhook(delivery.payload, secret),
      },
      // A redirect could lead the server anywhere; receivers answer where they are registered.
      redirect: 'manual',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299)
      throw new Error(`webhook answered HTTP ${response.status}`);
  }

  private async sendEmail(
    delivery: Delivery,
    organisation: Extract<OrganisationState, { status: 'registered' }>,
  ): Promise<void> {
    if (!this.mailer) throw new Undeliverable('email is not configured (SMTP_URL)');
    if (organisation.contact.email === ERASED) throw new Undeliverable('the contact was erased');
    const body = JSON.parse(delivery.payload) as DeliveryBody;
    if (body.type === 'timeline-changed')
      await this.mailer.sendTimelineNotice(organisation.contact, body);
    else await this.mailer.sendPrompt(organisation.contact, body);
  }
}

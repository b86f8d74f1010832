import {
  pledgeStream,
  type PledgeSigned,
  type ReportingPromptSent,
  type TimelineChangeNoticed,
} from '@pact/domain';
import type { EventStore } from '@pact/event-store';
import type { ReminderQueues } from '../queues/reminder-queues';
import { type Delivery, type DeliveryChannel, type DeliveryLog } from './delivery-log';
import { timelineNoticeBody, webhookBody } from './webhook-signature';

const CHANNELS: readonly DeliveryChannel[] = ['webhook', 'email'];

/** Turns recorded prompts into deliveries: a durable record first, then the job that carries it out. */
export class DeliveryQueue {
  constructor(
    private readonly store: EventStore,
    private readonly log: DeliveryLog,
    private readonly queues: ReminderQueues,
  ) {}

  async enqueue(prompt: ReportingPromptSent['data'], now: Date): Promise<void> {
    await this.deliver(prompt.promptId, prompt.pledgeId, prompt.channels, now, (organisationId) =>
      webhookBody({ ...prompt, organisationId }),
    );
  }

  /** A timeline notice goes out like a prompt, under its own id. */
  async enqueueNotice(notice: TimelineChangeNoticed['data'], now: Date): Promise<void> {
    await this.deliver(notice.noticeId, notice.pledgeId, notice.channels, now, (organisationId) =>
      timelineNoticeBody({ ...notice, organisationId }),
    );
  }

  private async deliver(
    id: string,
    pledgeId: string,
    recordedChannels: readonly string[],
    now: Date,
    body: (organisationId: string) => string,
  ): Promise<void> {
    const channels = CHANNELS.filter((channel) => recordedChannels.includes(channel));
    if (channels.length === 0) return;
    const organisationId = await this.ownerOf(pledgeId);
    const payload = body(organisationId);
    for (const channel of channels) {
      await this.log.record({ promptId: id, channel, organisationId, payload }, now);
      const delivery = await this.log.find(id, channel);
      if (delivery?.status === 'pending') await this.add(delivery);
    }
  }

  /** Puts a dead delivery back in line; undefined when there is no dead delivery by that name. */
  async retry(
    promptId: string,
    channel: DeliveryChannel,
    now: Date,
  ): Promise<Delivery | undefined> {
    const delivery = await this.log.reopen(promptId, channel, now);
    if (delivery) await this.add(delivery);
    return delivery;
  }

  /** The sweep's half for deliveries: a pending delivery whose job Redis lost gets it back. */
  async restore(limit = 10000): Promise<number> {
    let restored = 0;
    for (const delivery of await this.log.pending(limit)) {
      const job = await this.queues.deliveries.getJob(delivery.jobId);
      if (job && (await job.getState()) !== 'failed') continue;
      if (job) await job.remove();
      await this.add(delivery);
      restored++;
    }
    return restored;
  }

  private async add(delivery: Delivery): Promise<void> {
    await this.queues.deliveries.add(
      delivery.channel,
      { promptId: delivery.promptId, channel: delivery.channel },
      { jobId: delivery.jobId },
    );
  }

  private async ownerOf(pledgeId: string): Promise<string> {
    const [signed] = await this.store.readStream(pledgeStream(pledgeId), { maxCount: 1 });
    if (signed?.type !== 'PledgeSigned') throw new Error(`Pledge ${pledgeId} was never signed`);
    return (signed.data as PledgeSigned['data']).organisationId;
  }
}

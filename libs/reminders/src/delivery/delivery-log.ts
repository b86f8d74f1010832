export type DeliveryChannel = 'webhook' | 'email';
export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';

export interface Delivery {
  readonly promptId: string;
  readonly channel: DeliveryChannel;
  readonly organisationId: string;
  /** The prompt as delivered: the webhook body, signed byte for byte. No personal data. */
  readonly payload: string;
  readonly status: DeliveryStatus;
  /** The BullMQ job currently responsible for it. */
  readonly jobId: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deliveredAt: string | null;
}

export type NewDelivery = Pick<Delivery, 'promptId' | 'channel' | 'organisationId' | 'payload'>;

export const deliveryJobId = (channel: DeliveryChannel, promptId: string, retry = 0) =>
  retry === 0 ? `${channel}-${promptId}` : `${channel}-${promptId}-retry-${retry}`;

/** The job id a dead delivery is reopened under: the next retry number. */
export const nextJobId = (delivery: Pick<Delivery, 'channel' | 'promptId' | 'jobId'>) =>
  deliveryJobId(
    delivery.channel,
    delivery.promptId,
    Number(/-retry-(\d+)$/.exec(delivery.jobId)?.[1] ?? 0) + 1,
  );

/** A failure's message as kept: enough to act on, never a whole response body. */
export const keptError = (error: string) => error.slice(0, 500);

/**
 * The durable record of every prompt delivery: what Redis holds is a copy that the sweep can
 * rebuild from here, and a delivered prompt is never sent again even if its job is re-run. In
 * SQLite beside the embedded stores; in MongoDB with the read models, so workers on several hosts
 * and the api's dead-letter views share it.
 */
export abstract class DeliveryLog {
  /** True when the delivery is new; a delivery already recorded is left as it is. */
  abstract record(delivery: NewDelivery, now: Date): Promise<boolean>;

  abstract find(promptId: string, channel: DeliveryChannel): Promise<Delivery | undefined>;

  /** The most recently updated first. */
  abstract list(status: DeliveryStatus | undefined, limit?: number): Promise<Delivery[]>;

  abstract counts(): Promise<Record<DeliveryStatus, number>>;

  abstract markDelivered(promptId: string, channel: DeliveryChannel, now: Date): Promise<void>;

  /**
   * Records a failed attempt of a pending delivery; `final` moves it to the dead letters. A late
   * report about a delivery no longer pending (a job that ran twice) changes nothing.
   */
  abstract markFailed(
    promptId: string,
    channel: DeliveryChannel,
    error: string,
    final: boolean,
    now: Date,
  ): Promise<void>;

  /** Nothing left to deliver to (the organisation removed its webhook, say). */
  abstract cancel(
    promptId: string,
    channel: DeliveryChannel,
    reason: string,
    now: Date,
  ): Promise<void>;

  /**
   * Puts a dead delivery back in line under a fresh job id; undefined when it is not dead (of two
   * reopening it at once, one gets it).
   */
  abstract reopen(
    promptId: string,
    channel: DeliveryChannel,
    now: Date,
  ): Promise<Delivery | undefined>;

  /** Pending deliveries, oldest first, for the sweep to check their jobs still exist. */
  abstract pending(limit: number): Promise<Delivery[]>;
}

export const noDeliveries = (): Record<DeliveryStatus, number> => ({
  pending: 0,
  delivered: 0,
  dead: 0,
  cancelled: 0,
});

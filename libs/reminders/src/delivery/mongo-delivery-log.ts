import { untilDone } from '@pact/infrastructure';
import { MongoServerError, type Collection, type Db } from 'mongodb';
import {
  deliveryJobId,
  DeliveryLog,
  keptError,
  nextJobId,
  noDeliveries,
  type Delivery,
  type DeliveryChannel,
  type DeliveryStatus,
  type NewDelivery,
} from './delivery-log';

export interface DeliveryDocument extends Omit<Delivery, 'promptId' | 'channel'> {
  /** Channel and prompt id: `webhook/…`. */
  _id: string;
  promptId: string;
  channel: DeliveryChannel;
}

const DUPLICATE_KEY = 11000;

export const deliveryId = (promptId: string, channel: DeliveryChannel) => `${channel}/${promptId}`;

/** The delivery log in MongoDB, shared by workers on every host and by the api's dead-letter views. */
export class MongoDeliveryLog extends DeliveryLog {
  private readonly deliveries: Collection<DeliveryDocument>;
  private readonly indexed: () => Promise<void>;

  constructor(db: Db) {
    super();
    this.deliveries = db.collection<DeliveryDocument>('deliveries');
    this.indexed = untilDone(() =>
      this.deliveries.createIndexes([
        { key: { status: 1, updatedAt: -1 } },
        { key: { status: 1, createdAt: 1 } },
        { key: { updatedAt: -1 } },
      ]),
    );
  }

  /** `$setOnInsert` keyed on `_id`: of two workers recording the same delivery, one records it. */
  async record(delivery: NewDelivery, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const _id = deliveryId(delivery.promptId, delivery.channel);
    const fresh: Omit<DeliveryDocument, '_id'> = {
      ...delivery,
      status: 'pending',
      jobId: deliveryJobId(delivery.channel, delivery.promptId),
      attempts: 0,
      lastError: null,
      createdAt: at,
      updatedAt: at,
      deliveredAt: null,
    };
    try {
      const result = await this.deliveries.updateOne(
        { _id },
        { $setOnInsert: fresh },
        { upsert: true },
      );
      return result.upsertedCount === 1;
    } catch (error) {
      // Two upserts of one new _id: the server retries the loser, but an older one may answer this.
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async find(promptId: string, channel: DeliveryChannel): Promise<Delivery | undefined> {
    const found = await this.deliveries.findOne({ _id: deliveryId(promptId, channel) });
    return found ? toDelivery(found) : undefined;
  }

  async list(status: DeliveryStatus | undefined, limit = 100): Promise<Delivery[]> {
    await this.indexed();
    const found = await this.deliveries
      .find(status === undefined ? {} : { status })
      .sort({ updatedAt: -1 })
      .limit(limit)
      .toArray();
    return found.map(toDelivery);
  }

  /** One count per status, each read from the status index alone (`/health` asks often). */
  async counts(): Promise<Record<DeliveryStatus, number>> {
    await this.indexed();
    const counts = noDeliveries();
    await Promise.all(
      (Object.keys(counts) as DeliveryStatus[]).map(async (status) => {
        counts[status] = await this.deliveries.countDocuments({ status });
      }),
    );
    return counts;
  }

  async markDelivered(promptId: string, channel: DeliveryChannel, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.deliveries.updateOne(
      { _id: deliveryId(promptId, channel) },
      {
        $set: { status: 'delivered', lastError: null, updatedAt: at, deliveredAt: at },
        $inc: { attempts: 1 },
      },
    );
  }

  async markFailed(
    promptId: string,
    channel: DeliveryChannel,
    error: string,
    final: boolean,
    now: Date,
  ): Promise<void> {
    await this.deliveries.updateOne(
      { _id: deliveryId(promptId, channel), status: 'pending' },
      {
        $set: {
          lastError: keptError(error),
          updatedAt: now.toISOString(),
          ...(final ? { status: 'dead' as const } : {}),
        },
        $inc: { attempts: 1 },
      },
    );
  }

  async cancel(
    promptId: string,
    channel: DeliveryChannel,
    reason: string,
    now: Date,
  ): Promise<void> {
    await this.deliveries.updateOne(
      { _id: deliveryId(promptId, channel) },
      { $set: { status: 'cancelled', lastError: reason, updatedAt: now.toISOString() } },
    );
  }

  /** Conditioned on the job id read: of two reopening one dead delivery at once, one succeeds. */
  async reopen(
    promptId: string,
    channel: DeliveryChannel,
    now: Date,
  ): Promise<Delivery | undefined> {
    const _id = deliveryId(promptId, channel);
    const current = await this.deliveries.findOne({ _id });
    if (current?.status !== 'dead') return undefined;
    const reopened = await this.deliveries.findOneAndUpdate(
      { _id, status: 'dead', jobId: current.jobId },
      {
        $set: {
          status: 'pending',
          jobId: nextJobId(toDelivery(current)),
          updatedAt: now.toISOString(),
        },
      },
      { returnDocument: 'after' },
    );
    return reopened ? toDelivery(reopened) : undefined;
  }

  async pending(limit: number): Promise<Delivery[]> {
    await this.indexed();
    const found = await this.deliveries
      .find({ status: 'pending' })
      .sort({ createdAt: 1 })
      .limit(limit)
      .toArray();
    return found.map(toDelivery);
  }
}

export function toDelivery({ _id: _ignored, ...delivery }: DeliveryDocument): Delivery {
  return delivery;
}

import { untilDone } from '@pact/infrastructure';
import { Long, type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';
import { ReminderLedger } from './reminder-ledger';

interface CheckpointDocument {
  _id: string;
  /** A 64-bit integer, as the read models' checkpoints: log positions exceed 2^53. */
  position: Long | number;
}

interface PledgeDocument {
  _id: string;
  nextAt: number;
}

interface PromptDocument {
  _id: string;
  stage: string;
}

/** The reminder ledger in MongoDB, shared by workers on every host. */
export class MongoReminderLedger extends ReminderLedger {
  private readonly checkpoints: Collection<CheckpointDocument>;
  private readonly pledges: Collection<PledgeDocument>;
  private readonly prompts: Collection<PromptDocument>;
  private readonly indexed: () => Promise<void>;

  constructor(db: Db) {
    super();
    this.checkpoints = db.collection<CheckpointDocument>('reminder_checkpoints');
    this.pledges = db.collection<PledgeDocument>('reminder_pledges');
    this.prompts = db.collection<PromptDocument>('reminder_prompts');
    this.indexed = untilDone(async () => {
      await this.pledges.createIndex({ nextAt: 1, _id: 1 });
      await this.prompts.createIndex({ stage: 1 });
    });
  }

  async checkpoint(name: string): Promise<bigint> {
    const found = await this.checkpoints.findOne({ _id: name });
    return found ? storedPosition(found.position) : 0n;
  }

  /** `$max` on a 64-bit integer: of two saves out of order, the later position stays. */
  async saveCheckpoint(name: string, position: bigint): Promise<void> {
    await this.checkpoints.updateOne(
      { _id: name },
      { $max: { position: Long.fromBigInt(position) } },
      { upsert: true },
    );
  }

  async setNextAtMany(nextAt: ReadonlyMap<string, number | null>): Promise<void> {
    if (nextAt.size === 0) return;
    const operations: AnyBulkWriteOperation<PledgeDocument>[] = [...nextAt].map(([id, at]) =>
      at === null
        ? { deleteOne: { filter: { _id: id } } }
        : { updateOne: { filter: { _id: id }, update: { $set: { nextAt: at } }, upsert: true } },
    );
    await this.pledges.bulkWrite(operations, { ordered: false });
  }

  async pledgesDueBy(until: number, limit: number, afterPledgeId = ''): Promise<string[]> {
    await this.indexed();
    const due = await this.pledges
      .find({ nextAt: { $lte: until }, _id: { $gt: afterPledgeId } }, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return due.map((document) => document._id);
  }

  scheduledPledges(): Promise<number> {
    return this.pledges.countDocuments();
  }

  async notePrompt(promptId: string, stage: string): Promise<void> {
    await this.prompts.updateOne({ _id: promptId }, { $setOnInsert: { stage } }, { upsert: true });
  }

  /** Counted from the stage index, a count per stage: no document is read, nor grouped. */
  async promptCounts(): Promise<Record<string, number>> {
    await this.indexed();
    const stages = await this.prompts.distinct('stage');
    const counts = await Promise.all(
      stages.map(async (stage) => [stage, await this.prompts.countDocuments({ stage })] as const),
    );
    return Object.fromEntries(counts);
  }
}

/** A stored position, exactly: the driver answers a number when the int64 fits one, a Long when not. */
export function storedPosition(value: Long | number): bigint {
  return BigInt(value.toString());
}

import { MongoServerError, type Collection, type Db } from 'mongodb';
import { untilDone } from '../mongo/until-done';
import type { SecretBox } from '../secrets/secret-box';
import {
  IDEMPOTENCY_WINDOW_MS,
  IdempotencyStore,
  type IdempotencyClaim,
  type StoredResponse,
} from './idempotency.store';

interface IdempotencyDocument {
  /** principal and key, joined by a character neither can hold. */
  _id: string;
  fingerprint: string;
  state: 'pending' | 'done';
  /** Sealed: a registration's response holds a new API key. */
  response: string | null;
  createdAt: Date;
}

const DUPLICATE_KEY = 11000;

/**
 * Idempotency records in MongoDB, shared by every api replica. A claim is an insert that only one
 * replica can win (the _id is unique); an expired record is taken over by a conditional replace.
 * A TTL index forgets records after the window.
 */
export class MongoIdempotencyStore extends IdempotencyStore {
  private readonly records: Collection<IdempotencyDocument>;
  /** The TTL index that forgets records after the window; retried after a failure. */
  private readonly indexed: () => Promise<void>;

  constructor(
    db: Db,
    private readonly secrets: SecretBox,
  ) {
    super();
    this.records = db.collection<IdempotencyDocument>('idempotency_records');
    this.indexed = untilDone(() =>
      this.records.createIndex(
        { createdAt: 1 },
        { expireAfterSeconds: IDEMPOTENCY_WINDOW_MS / 1000 },
      ),
    );
  }

  async claim(
    principal: string,
    key: string,
    fingerprint: string,
    now: Date,
  ): Promise<IdempotencyClaim> {
    await this.indexed();
    const _id = recordId(principal, key);
    const fresh: IdempotencyDocument = {
      _id,
      fingerprint,
      state: 'pending',
      response: null,
      createdAt: now,
    };
    try {
      await this.records.insertOne(fresh);
      return { kind: 'claimed' };
    } catch (error) {
      if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
    }
    const existing = await this.records.findOne({ _id });
    if (!existing) return this.claim(principal, key, fingerprint, now);
    if (existing.createdAt.getTime() <= now.getTime() - IDEMPOTENCY_WINDOW_MS) {
      // Expired but not yet swept: take it over, unless another replica just did.
      const taken = await this.records.replaceOne({ _id, createdAt: existing.createdAt }, fresh);
      return taken.modifiedCount === 1
        ? { kind: 'claimed' }
        : this.claim(principal, key, fingerprint, now);
    }
    return judge(existing, fingerprint, (sealed) => this.secrets.open(sealed));
  }

  async complete(principal: string, key: string, response: StoredResponse): Promise<void> {
    await this.records.updateOne(
      { _id: recordId(principal, key) },
      { $set: { state: 'done', response: this.secrets.seal(JSON.stringify(response)) } },
    );
  }

  async release(principal: string, key: string): Promise<void> {
    await this.records.deleteOne({ _id: recordId(principal, key), state: 'pending' });
  }

  /** The TTL index does this in the server; a sweep on demand does the same at once. */
  async purgeExpired(now: Date): Promise<number> {
    const result = await this.records.deleteMany({
      createdAt: { $lte: new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS) },
    });
    return result.deletedCount;
  }
}

export const recordId = (principal: string, key: string) => `${principal}\u0000${key}`;

/** What an unexpired record says about a request with this fingerprint. */
export function judge(
  record: Pick<IdempotencyDocument, 'fingerprint' | 'state' | 'response'>,
  fingerprint: string,
  open: (sealed: string) => string,
): IdempotencyClaim {
  if (record.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (record.state === 'pending' || record.response === null) return { kind: 'in-progress' };
  return { kind: 'replay', response: JSON.parse(open(record.response)) as StoredResponse };
}

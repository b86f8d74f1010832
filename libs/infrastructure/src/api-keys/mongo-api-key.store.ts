import type { Collection, Db } from 'mongodb';
import { untilDone } from '../mongo/until-done';
import type { SecretBox } from '../secrets/secret-box';
import { ApiKeyStore, type ApiKeyRecord, type StoredApiKey } from './api-key.store';

/** How a key is stored in MongoDB: the record's fields, and the hash, never the secret. */
export interface ApiKeyDocument {
  _id: string;
  secretHash: string;
  role: ApiKeyRecord['role'];
  organisationId: string | null;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export function toApiKeyDocument({ record, secretHash }: StoredApiKey): ApiKeyDocument {
  return {
    _id: record.id,
    secretHash,
    role: record.role,
    organisationId: record.organisationId ?? null,
    label: record.label,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt ?? null,
    revokedAt: record.revokedAt ?? null,
  };
}

export function fromApiKeyDocument(document: ApiKeyDocument): StoredApiKey {
  return {
    secretHash: document.secretHash,
    record: {
      id: document._id,
      role: document.role,
      label: document.label,
      createdAt: document.createdAt,
      ...(document.organisationId === null ? {} : { organisationId: document.organisationId }),
      ...(document.expiresAt === null ? {} : { expiresAt: document.expiresAt }),
      ...(document.revokedAt === null ? {} : { revokedAt: document.revokedAt }),
    },
  };
}

/** API keys in MongoDB, shared by every api replica. */
export class MongoApiKeyStore extends ApiKeyStore {
  private readonly keys: Collection<ApiKeyDocument>;
  /** The indexes of the admin's lists; retried after a failure. */
  private readonly indexed: () => Promise<void>;

  constructor(db: Db, secrets: SecretBox) {
    super(secrets);
    this.keys = db.collection<ApiKeyDocument>('api_keys');
    // The admin's lists: the newest keys, and an organisation's newest.
    this.indexed = untilDone(async () => {
      await this.keys.createIndexes([
        { key: { createdAt: -1, _id: 1 } },
        { key: { organisationId: 1, createdAt: -1, _id: 1 } },
      ]);
    });
  }

  protected async insert(key: StoredApiKey): Promise<void> {
    await this.keys.insertOne(toApiKeyDocument(key));
  }

  protected async find(id: string): Promise<StoredApiKey | undefined> {
    const document = await this.keys.findOne({ _id: id });
    return document ? fromApiKeyDocument(document) : undefined;
  }

  protected async markRevoked(id: string, at: string): Promise<boolean> {
    const result = await this.keys.updateOne({ _id: id }, [
      { $set: { revokedAt: { $ifNull: ['$revokedAt', at] } } },
    ]);
    return result.matchedCount === 1;
  }

  async recent(limit: number) {
    await this.indexed();
    const documents = await this.keys
      .find({})
      .sort({ createdAt: -1, _id: 1 })
      .limit(limit)
      .toArray();
    return documents.map((document) => fromApiKeyDocument(document).record);
  }

  async search(id: string, limit: number) {
    await this.indexed();
    const documents = await this.keys
      .find({ $or: [{ _id: id }, { organisationId: id }] })
      .sort({ createdAt: -1, _id: 1 })
      .limit(limit)
      .toArray();
    return documents.map((document) => fromApiKeyDocument(document).record);
  }

  async discard(id: string): Promise<void> {
    await this.keys.deleteOne({ _id: id });
  }
}

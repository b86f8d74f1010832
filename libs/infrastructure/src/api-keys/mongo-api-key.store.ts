import type { Collection, Db, Filter } from 'mongodb';
import { untilDone } from '../mongo/until-done';
import type { SecretBox } from '../secrets/secret-box';
import {
  ApiKeyStore,
  apiKeyView,
  type ApiKeyCursor,
  type ApiKeyFilter,
  type ApiKeyRecord,
  type StoredApiKey,
} from './api-key.store';

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
  const { id, ...fields } = apiKeyView(record);
  return { _id: id, secretHash, ...fields };
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

/** A list's filter as a MongoDB query: the filter's fields, and after the cursor's key if any. */
export function apiKeyQuery(
  filter: ApiKeyFilter,
  after: ApiKeyCursor | undefined,
): Filter<ApiKeyDocument> {
  const either = (...choices: Filter<ApiKeyDocument>[]) => ({ $or: choices });
  const all: Filter<ApiKeyDocument>[] = [
    ...(filter.organisationId === undefined ? [] : [{ organisationId: filter.organisationId }]),
    ...(filter.role === undefined ? [] : [{ role: filter.role }]),
    ...(filter.keyOrOrganisation === undefined
      ? []
      : [either({ _id: filter.keyOrOrganisation }, { organisationId: filter.keyOrOrganisation })]),
    ...(after
      ? [
          either(
            { createdAt: { $lt: after.createdAt } },
            { createdAt: after.createdAt, _id: { $gt: after.id } },
          ),
        ]
      : []),
  ];
  return all.length === 0 ? {} : { $and: all };
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

  protected async findKeys(
    filter: ApiKeyFilter,
    after: ApiKeyCursor | undefined,
    skip: number,
    limit: number,
  ): Promise<ApiKeyRecord[]> {
    await this.indexed();
    const documents = await this.keys
      .find(apiKeyQuery(filter, after))
      .sort({ createdAt: -1, _id: 1 })
      .skip(skip)
      .limit(limit)
      .toArray();
    return documents.map((document) => fromApiKeyDocument(document).record);
  }

  protected async countKeys(filter: ApiKeyFilter): Promise<number> {
    return this.keys.countDocuments(apiKeyQuery(filter, undefined));
  }

  async discard(id: string): Promise<void> {
    await this.keys.deleteOne({ _id: id });
  }
}

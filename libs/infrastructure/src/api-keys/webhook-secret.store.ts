import type Database from 'better-sqlite3';
import type { Collection, Db } from 'mongodb';
import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';

/**
 * Each organisation's webhook signing secret, sealed at rest (HMAC signing needs it in clear). In
 * SQLite beside the embedded stores; in MongoDB with the read models, so a worker on another host
 * signs with the secret an api replica created.
 */
export abstract class WebhookSecretStore {
  constructor(protected readonly secrets: SecretBox) {}

  /** A new secret for the organisation (replacing any it had), answered in clear this once. */
  async create(organisationId: string): Promise<string> {
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    await this.save(organisationId, this.secrets.seal(secret));
    return secret;
  }

  async find(organisationId: string): Promise<string | undefined> {
    const sealed = await this.sealed(organisationId);
    return sealed === undefined ? undefined : this.secrets.open(sealed);
  }

  protected abstract save(organisationId: string, sealed: string): Promise<void>;
  protected abstract sealed(organisationId: string): Promise<string | undefined>;
}

export class SqliteWebhookSecretStore extends WebhookSecretStore {
  constructor(
    private readonly db: Database.Database,
    secrets: SecretBox,
  ) {
    super(secrets);
  }

  protected save(organisationId: string, sealed: string): Promise<void> {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO webhook_secrets (organisation_id, sealed_secret) VALUES (?, ?)',
      )
      .run(organisationId, sealed);
    return Promise.resolve();
  }

  protected sealed(organisationId: string): Promise<string | undefined> {
    const row = this.db
      .prepare<[string], { sealed_secret: string }>(
        'SELECT sealed_secret FROM webhook_secrets WHERE organisation_id = ?',
      )
      .get(organisationId);
    return Promise.resolve(row?.sealed_secret);
  }
}

interface WebhookSecretDocument {
  _id: string;
  sealedSecret: string;
}

export class MongoWebhookSecretStore extends WebhookSecretStore {
  private readonly collection: Collection<WebhookSecretDocument>;

  constructor(db: Db, secrets: SecretBox) {
    super(secrets);
    this.collection = db.collection<WebhookSecretDocument>('webhook_secrets');
  }

  protected async save(organisationId: string, sealed: string): Promise<void> {
    await this.collection.replaceOne(
      { _id: organisationId },
      { sealedSecret: sealed },
      { upsert: true },
    );
  }

  protected async sealed(organisationId: string): Promise<string | undefined> {
    const found = await this.collection.findOne({ _id: organisationId });
    return found?.sealedSecret;
  }
}

import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';

/** Each organisation's webhook signing secret, sealed at rest (HMAC signing needs it in clear). */
export class WebhookSecretStore {
  constructor(
    private readonly db: Database.Database,
    private readonly secrets: SecretBox,
  ) {}

  create(organisationId: string): string {
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    this.db
      .prepare(
        'INSERT OR REPLACE INTO webhook_secrets (organisation_id, sealed_secret) VALUES (?, ?)',
      )
      .run(organisationId, this.secrets.seal(secret));
    return secret;
  }

  find(organisationId: string): string | undefined {
    const row = this.db
      .prepare<[string], { sealed_secret: string }>(
        'SELECT sealed_secret FROM webhook_secrets WHERE organisation_id = ?',
      )
      .get(organisationId);
    return row ? this.secrets.open(row.sealed_secret) : undefined;
  }
}

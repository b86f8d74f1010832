import type Database from 'better-sqlite3';
import type { SecretBox } from '../secrets/secret-box';

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export type IdempotencyClaim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'in-progress' };

interface Row {
  fingerprint: string;
  state: 'pending' | 'done';
  response: string | null;
  created_at: number;
}

/**
 * Idempotency records per (principal, key), kept 24 hours. Responses are sealed: a registration's
 * response holds a freshly issued API key.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: Database.Database,
    private readonly secrets: SecretBox,
  ) {}

  claim(principal: string, key: string, fingerprint: string, now: Date): IdempotencyClaim {
    return this.db
      .transaction((): IdempotencyClaim => {
        const row = this.db
          .prepare<[string, string], Row>(
            'SELECT fingerprint, state, response, created_at FROM idempotency_records WHERE principal = ? AND key = ?',
          )
          .get(principal, key);
        if (row && row.created_at > now.getTime() - IDEMPOTENCY_WINDOW_MS) {
          if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
          if (row.state === 'pending' || row.response === null) return { kind: 'in-progress' };
          return {
            kind: 'replay',
            response: JSON.parse(this.secrets.open(row.response)) as StoredResponse,
          };
        }
        this.db
          .prepare(
            'INSERT OR REPLACE INTO idempotency_records (principal, key, fingerprint, state, response, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
          )
          .run(principal, key, fingerprint, 'pending', now.getTime());
        return { kind: 'claimed' };
      })
      .immediate();
  }

  complete(principal: string, key: string, response: StoredResponse): void {
    this.db
      .prepare(
        "UPDATE idempotency_records SET state = 'done', response = ? WHERE principal = ? AND key = ?",
      )
      .run(this.secrets.seal(JSON.stringify(response)), principal, key);
  }

  /** Forget a claim whose request failed on the server's side, so a retry runs again. */
  release(principal: string, key: string): void {
    this.db
      .prepare(
        "DELETE FROM idempotency_records WHERE principal = ? AND key = ? AND state = 'pending'",
      )
      .run(principal, key);
  }

  purgeExpired(now: Date): number {
    return this.db
      .prepare('DELETE FROM idempotency_records WHERE created_at <= ?')
      .run(now.getTime() - IDEMPOTENCY_WINDOW_MS).changes;
  }
}

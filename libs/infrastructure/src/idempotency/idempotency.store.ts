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
  private readonly statements;
  private readonly claimTransaction;

  constructor(
    db: Database.Database,
    private readonly secrets: SecretBox,
  ) {
    this.statements = {
      find: db.prepare<[string, string], Row>(
        'SELECT fingerprint, state, response, created_at FROM idempotency_records WHERE principal = ? AND key = ?',
      ),
      claim: db.prepare(
        `INSERT OR REPLACE INTO idempotency_records (principal, key, fingerprint, state, response, created_at)
         VALUES (?, ?, ?, 'pending', NULL, ?)`,
      ),
      complete: db.prepare(
        "UPDATE idempotency_records SET state = 'done', response = ? WHERE principal = ? AND key = ?",
      ),
      release: db.prepare(
        "DELETE FROM idempotency_records WHERE principal = ? AND key = ? AND state = 'pending'",
      ),
      purge: db.prepare('DELETE FROM idempotency_records WHERE created_at <= ?'),
    };
    this.claimTransaction = db.transaction(
      (principal: string, key: string, fingerprint: string, now: Date): IdempotencyClaim => {
        const row = this.statements.find.get(principal, key);
        if (row && row.created_at > now.getTime() - IDEMPOTENCY_WINDOW_MS) {
          if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
          if (row.state === 'pending' || row.response === null) return { kind: 'in-progress' };
          return {
            kind: 'replay',
            response: JSON.parse(this.secrets.open(row.response)) as StoredResponse,
          };
        }
        this.statements.claim.run(principal, key, fingerprint, now.getTime());
        return { kind: 'claimed' };
      },
    );
  }

  claim(principal: string, key: string, fingerprint: string, now: Date): IdempotencyClaim {
    return this.claimTransaction.immediate(principal, key, fingerprint, now);
  }

  complete(principal: string, key: string, response: StoredResponse): void {
    this.statements.complete.run(this.secrets.seal(JSON.stringify(response)), principal, key);
  }

  /** Forget a claim whose request failed on the server's side, so a retry runs again. */
  release(principal: string, key: string): void {
    this.statements.release.run(principal, key);
  }

  purgeExpired(now: Date): number {
    return this.statements.purge.run(now.getTime() - IDEMPOTENCY_WINDOW_MS).changes;
  }
}

import type Database from 'better-sqlite3';
import type { SecretBox } from '../secrets/secret-box';
import {
  IDEMPOTENCY_WINDOW_MS,
  IdempotencyStore,
  type IdempotencyClaim,
  type StoredResponse,
} from './idempotency.store';

interface Row {
  fingerprint: string;
  state: 'pending' | 'done';
  response: string | null;
  created_at: number;
}

/** Idempotency records in the embedded database; a claim is one immediate transaction. */
export class SqliteIdempotencyStore extends IdempotencyStore {
  private readonly statements;
  private readonly claimTransaction;

  constructor(
    db: Database.Database,
    private readonly secrets: SecretBox,
  ) {
    super();
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

  claim(principal: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyClaim> {
    return Promise.resolve(this.claimTransaction.immediate(principal, key, fingerprint, now));
  }

  complete(principal: string, key: string, response: StoredResponse): Promise<void> {
    this.statements.complete.run(this.secrets.seal(JSON.stringify(response)), principal, key);
    return Promise.resolve();
  }

  release(principal: string, key: string): Promise<void> {
    this.statements.release.run(principal, key);
    return Promise.resolve();
  }

  purgeExpired(now: Date): Promise<number> {
    return Promise.resolve(
      this.statements.purge.run(now.getTime() - IDEMPOTENCY_WINDOW_MS).changes,
    );
  }
}

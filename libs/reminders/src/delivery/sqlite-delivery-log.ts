import type Database from 'better-sqlite3';
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

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS deliveries (
    prompt_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    job_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    delivered_at TEXT,
    PRIMARY KEY (prompt_id, channel)
  );
  CREATE INDEX IF NOT EXISTS deliveries_status ON deliveries (status, updated_at);
`;

interface Row {
  prompt_id: string;
  channel: DeliveryChannel;
  organisation_id: string;
  payload: string;
  status: DeliveryStatus;
  job_id: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

/** The delivery log in the app's SQLite database, beside the embedded stores. */
export class SqliteDeliveryLog extends DeliveryLog {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    super();
    db.exec(SCHEMA);
    this.statements = {
      record: db.prepare(
        `INSERT OR IGNORE INTO deliveries
           (prompt_id, channel, organisation_id, payload, status, job_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
      ),
      find: db.prepare<[string, string], Row>(
        'SELECT * FROM deliveries WHERE prompt_id = ? AND channel = ?',
      ),
      listAll: db.prepare<[number], Row>(
        'SELECT * FROM deliveries ORDER BY updated_at DESC LIMIT ?',
      ),
      listByStatus: db.prepare<[string, number], Row>(
        'SELECT * FROM deliveries WHERE status = ? ORDER BY updated_at DESC LIMIT ?',
      ),
      counts: db.prepare<[], { status: DeliveryStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status',
      ),
      delivered: db.prepare(
        `UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_error = NULL,
           updated_at = ?, delivered_at = ? WHERE prompt_id = ? AND channel = ?`,
      ),
      failed: db.prepare(
        `UPDATE deliveries SET attempts = attempts + 1, last_error = ?, updated_at = ?,
           status = CASE WHEN ? THEN 'dead' ELSE status END
         WHERE prompt_id = ? AND channel = ? AND status = 'pending'`,
      ),
      cancel: db.prepare(
        `UPDATE deliveries SET status = 'cancelled', last_error = ?, updated_at = ?
         WHERE prompt_id = ? AND channel = ?`,
      ),
      reopen: db.prepare(
        `UPDATE deliveries SET status = 'pending', job_id = ?, updated_at = ?
         WHERE prompt_id = ? AND channel = ? AND status = 'dead'`,
      ),
      pending: db.prepare<[number], Row>(
        "SELECT * FROM deliveries WHERE status = 'pending' ORDER BY created_at LIMIT ?",
      ),
    };
  }

  record(delivery: NewDelivery, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const result = this.statements.record.run(
      delivery.promptId,
      delivery.channel,
      delivery.organisationId,
      delivery.payload,
      deliveryJobId(delivery.channel, delivery.promptId),
      at,
      at,
    );
    return Promise.resolve(result.changes === 1);
  }

  find(promptId: string, channel: DeliveryChannel): Promise<Delivery | undefined> {
    const row = this.statements.find.get(promptId, channel);
    return Promise.resolve(row && toDelivery(row));
  }

  list(status: DeliveryStatus | undefined, limit = 100): Promise<Delivery[]> {
    const rows =
      status === undefined
        ? this.statements.listAll.all(limit)
        : this.statements.listByStatus.all(status, limit);
    return Promise.resolve(rows.map(toDelivery));
  }

  counts(): Promise<Record<DeliveryStatus, number>> {
    const counts = noDeliveries();
    for (const row of this.statements.counts.all()) counts[row.status] = row.n;
    return Promise.resolve(counts);
  }

  markDelivered(promptId: string, channel: DeliveryChannel, now: Date): Promise<void> {
    const at = now.toISOString();
    this.statements.delivered.run(at, at, promptId, channel);
    return Promise.resolve();
  }

  markFailed(
    promptId: string,
    channel: DeliveryChannel,
    error: string,
    final: boolean,
    now: Date,
  ): Promise<void> {
    this.statements.failed.run(
      keptError(error),
      now.toISOString(),
      final ? 1 : 0,
      promptId,
      channel,
    );
    return Promise.resolve();
  }

  cancel(promptId: string, channel: DeliveryChannel, reason: string, now: Date): Promise<void> {
    this.statements.cancel.run(reason, now.toISOString(), promptId, channel);
    return Promise.resolve();
  }

  reopen(promptId: string, channel: DeliveryChannel, now: Date): Promise<Delivery | undefined> {
    const reopen = this.db.transaction(() => {
      const current = this.statements.find.get(promptId, channel);
      if (current?.status !== 'dead') return undefined;
      this.statements.reopen.run(
        nextJobId(toDelivery(current)),
        now.toISOString(),
        promptId,
        channel,
      );
      return toDelivery(this.statements.find.get(promptId, channel)!);
    });
    return Promise.resolve(reopen.immediate());
  }

  pending(limit: number): Promise<Delivery[]> {
    return Promise.resolve(this.statements.pending.all(limit).map(toDelivery));
  }
}

function toDelivery(row: Row): Delivery {
  return {
    promptId: row.prompt_id,
    channel: row.channel,
    organisationId: row.organisation_id,
    payload: row.payload,
    status: row.status,
    jobId: row.job_id,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
  };
}

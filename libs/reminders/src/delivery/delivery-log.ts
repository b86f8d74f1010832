import type Database from 'better-sqlite3';

export type DeliveryChannel = 'webhook' | 'email';
export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';

export interface Delivery {
  readonly promptId: string;
  readonly channel: DeliveryChannel;
  readonly organisationId: string;
  /** The prompt as delivered: the webhook body, signed byte for byte. No personal data. */
  readonly payload: string;
  readonly status: DeliveryStatus;
  /** The BullMQ job currently responsible for it. */
  readonly jobId: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deliveredAt: string | null;
}

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

export const deliveryJobId = (channel: DeliveryChannel, promptId: string, retry = 0) =>
  retry === 0 ? `${channel}-${promptId}` : `${channel}-${promptId}-retry-${retry}`;

/**
 * The durable record of every prompt delivery: what Redis holds is a copy that the sweep can
 * rebuild from here, and a delivered prompt is never sent again even if its job is re-run.
 */
export class DeliveryLog {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /** True when the delivery is new; a delivery already recorded is left as it is. */
  record(
    delivery: Pick<Delivery, 'promptId' | 'channel' | 'organisationId' | 'payload'>,
    now: Date,
  ): boolean {
    const at = now.toISOString();
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO deliveries
           (prompt_id, channel, organisation_id, payload, status, job_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(
        delivery.promptId,
        delivery.channel,
        delivery.organisationId,
        delivery.payload,
        deliveryJobId(delivery.channel, delivery.promptId),
        at,
        at,
      );
    return result.changes === 1;
  }

  find(promptId: string, channel: DeliveryChannel): Delivery | undefined {
    const row = this.db
      .prepare<[string, string], Row>(
        'SELECT * FROM deliveries WHERE prompt_id = ? AND channel = ?',
      )
      .get(promptId, channel);
    return row && toDelivery(row);
  }

  list(status: DeliveryStatus | undefined, limit = 100): Delivery[] {
    const rows =
      status === undefined
        ? this.db
            .prepare<[number], Row>('SELECT * FROM deliveries ORDER BY updated_at DESC LIMIT ?')
            .all(limit)
        : this.db
            .prepare<[string, number], Row>(
              'SELECT * FROM deliveries WHERE status = ? ORDER BY updated_at DESC LIMIT ?',
            )
            .all(status, limit);
    return rows.map(toDelivery);
  }

  counts(): Record<DeliveryStatus, number> {
    const counts: Record<DeliveryStatus, number> = {
      pending: 0,
      delivered: 0,
      dead: 0,
      cancelled: 0,
    };
    const rows = this.db
      .prepare<[], { status: DeliveryStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status',
      )
      .all();
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  markDelivered(promptId: string, channel: DeliveryChannel, now: Date): void {
    const at = now.toISOString();
    this.db
      .prepare(
        `UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_error = NULL,
           updated_at = ?, delivered_at = ? WHERE prompt_id = ? AND channel = ?`,
      )
      .run(at, at, promptId, channel);
  }

  /** Records a failed attempt; `final` moves the delivery to the dead letters. */
  markFailed(
    promptId: string,
    channel: DeliveryChannel,
    error: string,
    final: boolean,
    now: Date,
  ): void {
    this.db
      .prepare(
        `UPDATE deliveries SET attempts = attempts + 1, last_error = ?, updated_at = ?,
           status = CASE WHEN ? THEN 'dead' ELSE status END
         WHERE prompt_id = ? AND channel = ? AND status = 'pending'`,
      )
      .run(error.slice(0, 500), now.toISOString(), final ? 1 : 0, promptId, channel);
  }

  /** Nothing left to deliver to (the organisation removed its webhook, say). */
  cancel(promptId: string, channel: DeliveryChannel, reason: string, now: Date): void {
    this.db
      .prepare(
        `UPDATE deliveries SET status = 'cancelled', last_error = ?, updated_at = ?
         WHERE prompt_id = ? AND channel = ?`,
      )
      .run(reason, now.toISOString(), promptId, channel);
  }

  /** Puts a dead delivery back in line under a fresh job id; undefined when it is not dead. */
  reopen(promptId: string, channel: DeliveryChannel, now: Date): Delivery | undefined {
    const reopen = this.db.transaction(() => {
      const current = this.find(promptId, channel);
      if (current?.status !== 'dead') return undefined;
      const retry = Number(/-retry-(\d+)$/.exec(current.jobId)?.[1] ?? 0) + 1;
      this.db
        .prepare(
          `UPDATE deliveries SET status = 'pending', job_id = ?, updated_at = ?
           WHERE prompt_id = ? AND channel = ?`,
        )
        .run(deliveryJobId(channel, promptId, retry), now.toISOString(), promptId, channel);
      return this.find(promptId, channel);
    });
    return reopen.immediate();
  }

  /** Pending deliveries, oldest first, for the sweep to check their jobs still exist. */
  pending(limit: number): Delivery[] {
    return this.db
      .prepare<[number], Row>(
        "SELECT * FROM deliveries WHERE status = 'pending' ORDER BY created_at LIMIT ?",
      )
      .all(limit)
      .map(toDelivery);
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

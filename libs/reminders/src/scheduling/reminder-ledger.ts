import type Database from 'better-sqlite3';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS reminder_checkpoints (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS reminder_pledges (
    pledge_id TEXT PRIMARY KEY,
    next_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS reminder_pledges_next_at ON reminder_pledges (next_at);
  CREATE TABLE IF NOT EXISTS reminder_prompts (
    prompt_id TEXT PRIMARY KEY,
    stage TEXT NOT NULL
  );
`;

/**
 * What the worker keeps durably beside Redis: its subscription checkpoint, when each pledge next
 * needs a job (so the sweep can restore Redis from the event store without reading every stream),
 * and the prompts it has seen recorded (for /health).
 */
export class ReminderLedger {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  checkpoint(name: string): bigint {
    const row = this.db
      .prepare<[string], { position: number | bigint }>(
        'SELECT position FROM reminder_checkpoints WHERE name = ?',
      )
      .safeIntegers()
      .get(name);
    return row ? BigInt(row.position) : 0n;
  }

  /** Never moves backwards: two workers following the log at once may save out of order. */
  saveCheckpoint(name: string, position: bigint): void {
    this.db
      .prepare(
        `INSERT INTO reminder_checkpoints (name, position) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET position = MAX(position, excluded.position)`,
      )
      .run(name, position);
  }

  /** `nextAt` null: nothing is scheduled for the pledge (withdrawn, or its anchor not yet reached). */
  setNextAt(pledgeId: string, nextAt: number | null): void {
    if (nextAt === null) {
      this.db.prepare('DELETE FROM reminder_pledges WHERE pledge_id = ?').run(pledgeId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO reminder_pledges (pledge_id, next_at) VALUES (?, ?)
         ON CONFLICT (pledge_id) DO UPDATE SET next_at = excluded.next_at`,
      )
      .run(pledgeId, nextAt);
  }

  setNextAtMany(nextAt: ReadonlyMap<string, number | null>): void {
    this.db.transaction(() => {
      for (const [pledgeId, at] of nextAt) this.setNextAt(pledgeId, at);
    })();
  }

  /** Pledges with a job due at or before `until` (epoch ms), earliest first. */
  pledgesDueBy(until: number, limit: number, afterPledgeId = ''): string[] {
    return this.db
      .prepare<[number, string, number], { pledge_id: string }>(
        `SELECT pledge_id FROM reminder_pledges WHERE next_at <= ? AND pledge_id > ?
         ORDER BY pledge_id LIMIT ?`,
      )
      .all(until, afterPledgeId, limit)
      .map((row) => row.pledge_id);
  }

  scheduledPledges(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM reminder_pledges').get()!
      .n;
  }

  notePrompt(promptId: string, stage: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO reminder_prompts (prompt_id, stage) VALUES (?, ?)')
      .run(promptId, stage);
  }

  promptCounts(): Record<string, number> {
    const rows = this.db
      .prepare<[], { stage: string; n: number }>(
        'SELECT stage, COUNT(*) AS n FROM reminder_prompts GROUP BY stage',
      )
      .all();
    return Object.fromEntries(rows.map((row) => [row.stage, row.n]));
  }
}

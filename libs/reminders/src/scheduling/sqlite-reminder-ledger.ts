import type Database from 'better-sqlite3';
import { ReminderLedger } from './reminder-ledger';

/** `PRAGMA synchronous` answers levels as numbers: OFF 0, NORMAL 1, FULL 2, EXTRA 3. */
const SYNCHRONOUS_NORMAL = 1;

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
  CREATE TABLE IF NOT EXISTS reminder_prompt_counts (
    stage TEXT PRIMARY KEY,
    n INTEGER NOT NULL
  );
`;

/**
 * The reminder ledger in the app's SQLite database, beside the embedded stores. Prompts are counted
 * by stage as they are noted, so `/health` reads a handful of rows, not every prompt ever noted.
 *
 * Everything in it follows from the log, so it commits at `synchronous = NORMAL` whatever the
 * connection's level (the keys and idempotency records beside it keep theirs): a power loss may take
 * back its last writes, never part of one, and the worker then reads the log again from the
 * checkpoint that survived, adding jobs BullMQ already holds under the same ids, which it ignores.
 */
export class SqliteReminderLedger extends ReminderLedger {
  private readonly statements;
  private readonly notePromptTransaction;

  /** The connection's own level, set back after each of the ledger's writes. */
  private readonly level: number;

  constructor(private readonly db: Database.Database) {
    super();
    db.exec(SCHEMA);
    this.level = db.pragma('synchronous', { simple: true }) as number;
    this.statements = {
      checkpoint: db
        .prepare<[string], { position: bigint }>(
          'SELECT position FROM reminder_checkpoints WHERE name = ?',
        )
        .safeIntegers(),
      saveCheckpoint: db.prepare(
        `INSERT INTO reminder_checkpoints (name, position) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET position = MAX(position, excluded.position)`,
      ),
      clearNextAt: db.prepare('DELETE FROM reminder_pledges WHERE pledge_id = ?'),
      setNextAt: db.prepare(
        `INSERT INTO reminder_pledges (pledge_id, next_at) VALUES (?, ?)
         ON CONFLICT (pledge_id) DO UPDATE SET next_at = excluded.next_at`,
      ),
      dueBy: db.prepare<[number, string, number], { pledge_id: string }>(
        `SELECT pledge_id FROM reminder_pledges WHERE next_at <= ? AND pledge_id > ?
         ORDER BY pledge_id LIMIT ?`,
      ),
      scheduled: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM reminder_pledges'),
      notePrompt: db.prepare(
        'INSERT OR IGNORE INTO reminder_prompts (prompt_id, stage) VALUES (?, ?)',
      ),
      countPrompt: db.prepare(
        `INSERT INTO reminder_prompt_counts (stage, n) VALUES (?, 1)
         ON CONFLICT (stage) DO UPDATE SET n = n + 1`,
      ),
      promptCounts: db.prepare<[], { stage: string; n: number }>(
        'SELECT stage, n FROM reminder_prompt_counts',
      ),
    };
    this.notePromptTransaction = db.transaction((promptId: string, stage: string) => {
      if (this.statements.notePrompt.run(promptId, stage).changes > 0)
        this.statements.countPrompt.run(stage);
    });
    countPromptsNotedBefore(db);
  }

  checkpoint(name: string): Promise<bigint> {
    return Promise.resolve(this.statements.checkpoint.get(name)?.position ?? 0n);
  }

  saveCheckpoint(name: string, position: bigint): Promise<void> {
    this.relaxed(() => this.statements.saveCheckpoint.run(name, position));
    return Promise.resolve();
  }

  setNextAtMany(nextAt: ReadonlyMap<string, number | null>): Promise<void> {
    this.relaxed(() =>
      this.db.transaction(() => {
        for (const [pledgeId, at] of nextAt) {
          if (at === null) this.statements.clearNextAt.run(pledgeId);
          else this.statements.setNextAt.run(pledgeId, at);
        }
      })(),
    );
    return Promise.resolve();
  }

  pledgesDueBy(until: number, limit: number, afterPledgeId = ''): Promise<string[]> {
    return Promise.resolve(
      this.statements.dueBy.all(until, afterPledgeId, limit).map((row) => row.pledge_id),
    );
  }

  scheduledPledges(): Promise<number> {
    return Promise.resolve(this.statements.scheduled.get()!.n);
  }

  /** The prompt and its stage's count in one transaction: the count is of the prompts noted. */
  notePrompt(promptId: string, stage: string): Promise<void> {
    this.relaxed(() => this.notePromptTransaction(promptId, stage));
    return Promise.resolve();
  }

  /** A write of the ledger's, at NORMAL; the connection goes back to its own level after it. */
  private relaxed<T>(write: () => T): T {
    if (this.level <= SYNCHRONOUS_NORMAL) return write();
    this.db.pragma('synchronous = NORMAL');
    try {
      return write();
    } finally {
      this.db.pragma(`synchronous = ${this.level}`);
    }
  }

  promptCounts(): Promise<Record<string, number>> {
    const rows = this.statements.promptCounts.all();
    return Promise.resolve(Object.fromEntries(rows.map((row) => [row.stage, row.n])));
  }
}

/**
 * Databases written before prompts were counted as noted: their counts are taken once from the
 * prompts themselves. Immediate, so two processes opening the same file count them once.
 */
function countPromptsNotedBefore(db: Database.Database): void {
  db.transaction(() => {
    const counted = db.prepare('SELECT 1 FROM reminder_prompt_counts LIMIT 1').get();
    if (counted) return;
    db.exec(
      `INSERT INTO reminder_prompt_counts (stage, n)
       SELECT stage, COUNT(*) FROM reminder_prompts GROUP BY stage`,
    );
  }).immediate();
}

/**
 * What the worker keeps durably beside Redis: its subscription checkpoint, when each pledge next
 * needs a job (so the sweep can restore Redis from the event store without reading every stream),
 * and the prompts it has seen recorded (for /health). In SQLite beside the embedded stores; in
 * MongoDB with the read models, so workers on several hosts share one ledger.
 */
export abstract class ReminderLedger {
  /** 0 before the first save. */
  abstract checkpoint(name: string): Promise<bigint>;

  /** Never moves backwards: two workers following the log at once may save out of order. */
  abstract saveCheckpoint(name: string, position: bigint): Promise<void>;

  /**
   * When each pledge next needs a job (epoch ms); null: nothing is scheduled for it (withdrawn, or
   * its anchor not yet reached).
   */
  abstract setNextAtMany(nextAt: ReadonlyMap<string, number | null>): Promise<void>;

  /** Pledges with a job due at or before `until` (epoch ms), by pledge id after `afterPledgeId`. */
  abstract pledgesDueBy(until: number, limit: number, afterPledgeId?: string): Promise<string[]>;

  abstract scheduledPledges(): Promise<number>;

  /** A prompt seen recorded, once however often it is seen. */
  abstract notePrompt(promptId: string, stage: string): Promise<void>;

  /** How many prompts were seen, by stage. */
  abstract promptCounts(): Promise<Record<string, number>>;
}

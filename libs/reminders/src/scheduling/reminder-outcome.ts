import type { ReportingConfig } from '@pact/domain';

/** What running a reminder job came to. */
export type ReminderOutcome =
  | { readonly kind: 'recorded'; readonly revision: number }
  | { readonly kind: 'nothing-to-do'; readonly reason: string }
  /** Not due yet (the schedule moved, or the job ran early): run again at `runAt`. */
  | { readonly kind: 'not-yet'; readonly runAt: number }
  | { readonly kind: 'swept'; readonly pledges: number; readonly deliveries: number };

export interface ReminderProcessorOptions {
  readonly reporting: ReportingConfig;
  readonly sweepIntervalMs: number;
  /** Whether prompts also go out by email (SMTP is configured). */
  readonly email: boolean;
  /** AI_ACT_TIMELINE_BASE: the shipped timeline versions recorded amendments apply on top of. */
  readonly aiActTimelineBase: string;
}

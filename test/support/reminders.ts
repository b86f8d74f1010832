import { ADMIN_KEY, CORE_CODES, type TestApp } from './test-app';

/**
 * Second-scale reporting: cycle n falls due n × 10 s after signature; prompts go out 4 s and 2 s
 * before, at, and 2 s after; 4 s after the due date an unreported pledge is non-reporting.
 */
export const FAST_REPORTING = {
  REPORTING_INTERVAL: 'PT10S',
  REMINDER_STAGES: '-PT4S,-PT2S,PT0S,PT2S',
  NON_REPORTING_AFTER: 'PT4S',
  REMINDER_SWEEP_INTERVAL: 'PT1S',
  REMINDER_JOB_LOCK: 'PT2S',
  WEBHOOK_ALLOW_INSECURE: 'true',
  WEBHOOK_RETRY_DELAY: 'PT0.2S',
  WEBHOOK_TIMEOUT: 'PT2S',
};

export const STAGES_IN_ORDER = [
  { stage: 'upcoming', offset: 'PT-4S' },
  { stage: 'upcoming', offset: 'PT-2S' },
  { stage: 'due', offset: 'PT0S' },
  { stage: 'overdue', offset: 'PT2S' },
];

export interface HistoryEvent {
  readonly eventId: string;
  readonly type: string;
  readonly revision: number;
  readonly recordedAt: string;
  readonly data: Record<string, any>;
  readonly metadata: { actor: { role: string }; correlationId: string; causationId: string };
}

/** The pledge's events from the audit history endpoint (the event store itself). */
export async function history(api: TestApp, pledgeId: string): Promise<HistoryEvent[]> {
  const response = await api.get(`/v1/pledges/${pledgeId}/history?limit=1000`, { key: ADMIN_KEY });
  if (response.status !== 200) throw new Error(`history: ${response.status} ${response.text}`);
  return response.body.events as HistoryEvent[];
}

export async function promptsOf(api: TestApp, pledgeId: string): Promise<HistoryEvent[]> {
  return (await history(api, pledgeId)).filter((e) => e.type === 'ReportingPromptSent');
}

/** Polls until the check passes (returns a truthy value) or the time runs out. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One milestone per core commitment: the cycle being reported completes. */
export async function completeCycle(api: TestApp, pledgeId: string, key: string): Promise<void> {
  for (const code of CORE_CODES) {
    const response = await api.post(`/v1/pledges/${pledgeId}/milestones`, {
      key,
      body: { commitmentCode: code, summary: `Progress on ${code}` },
    });
    if (response.status !== 201) throw new Error(`report: ${response.status} ${response.text}`);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

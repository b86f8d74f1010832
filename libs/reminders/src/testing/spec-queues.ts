import { randomUUID } from 'node:crypto';
import { ReminderQueues, type ReminderQueuesOptions } from '../queues/reminder-queues';

/**
 * Reminder queues on the test Redis (`REDIS_URL`, else the local one) under a prefix of their own:
 * one delivery attempt, retried after 100 ms, Redis outages ignored. Tests override what they probe.
 */
export function specQueues(overrides: Partial<ReminderQueuesOptions> = {}): ReminderQueues {
  return new ReminderQueues({
    redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    prefix: `spec-${randomUUID()}`,
    deliveryAttempts: 1,
    deliveryRetryDelayMs: 100,
    events: { onDown: () => undefined, onUp: () => undefined },
    ...overrides,
  });
}

import { specQueues } from '../testing/spec-queues';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

// Port 1 is privileged and unused: a connection is refused at once, and no other test can take it.
const CLOSED_PORT = 1;

const queues = (redisUrl: string, events = { onDown: jest.fn(), onUp: jest.fn() }) =>
  specQueues({ redisUrl, deliveryAttempts: 3, events });

describe('reminder queues (real Redis)', () => {
  it('are up against a running Redis and count their jobs', async () => {
    const subject = queues(REDIS_URL);
    try {
      await subject.reminders.add('prompt', { kind: 'sweep' }, { jobId: 'job-1', delay: 60_000 });
      // The same job id again is ignored: this is what makes scheduling idempotent.
      await subject.reminders.add('prompt', { kind: 'sweep' }, { jobId: 'job-1', delay: 60_000 });
      expect(await subject.isUp()).toBe(true);
      expect((await subject.depth()).reminders).toEqual({
        waiting: 0,
        delayed: 1,
        active: 0,
        failed: 0,
      });
    } finally {
      await subject.reminders.obliterate({ force: true });
      await subject.close();
    }
  });

  it('report an unreachable Redis once, not on every reconnect attempt', async () => {
    const events = { onDown: jest.fn(), onUp: jest.fn() };
    const subject = queues(`redis://127.0.0.1:${CLOSED_PORT}`, events);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await subject.isUp(100)).toBe(false);
      expect(events.onDown).toHaveBeenCalledTimes(1);
      expect(events.onDown.mock.calls[0]![0]).toMatch(/ECONNREFUSED/);
    } finally {
      await subject.close();
    }
  });
});

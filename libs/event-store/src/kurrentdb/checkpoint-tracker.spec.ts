import { CheckpointTracker } from './checkpoint-tracker';

describe('checkpoint tracker (where a dropped KurrentDB subscription resumes)', () => {
  it('moves to a checkpoint at once when nothing is waiting to be read', () => {
    const tracker = new CheckpointTracker(10n);
    tracker.checkpoint(500n, 0);
    expect(tracker.resumeAfter).toBe(500n);
  });

  it('waits until the events buffered before a checkpoint are consumed', () => {
    const tracker = new CheckpointTracker(10n);
    tracker.checkpoint(500n, 2);
    expect(tracker.resumeAfter).toBe(10n);
    tracker.consumed(100n);
    expect(tracker.resumeAfter).toBe(100n);
    tracker.consumed(200n);
    expect(tracker.resumeAfter).toBe(500n);
  });

  it('never moves backwards, and a later checkpoint supersedes a waiting one', () => {
    const tracker = new CheckpointTracker(10n);
    tracker.checkpoint(300n, 3);
    tracker.consumed(100n);
    tracker.checkpoint(900n, 1);
    tracker.consumed(600n);
    expect(tracker.resumeAfter).toBe(900n);
    tracker.checkpoint(50n, 0);
    expect(tracker.resumeAfter).toBe(900n);
  });
});

/**
 * Where a dropped subscription can safely resume. The server reports checkpoints (how far its
 * filtered scan of $all has gone) beside the events, and the events before a checkpoint may still
 * sit unread in the subscription's buffer when it arrives. A checkpoint becomes the resume point
 * only once every event that was buffered when it arrived has been consumed; until then resuming
 * from it would skip them.
 */
export class CheckpointTracker {
  private pending?: { position: bigint; remaining: number };
  private confirmed: bigint;

  constructor(start: bigint) {
    this.confirmed = start;
  }

  /** A checkpoint arrived while `buffered` events were waiting to be consumed. */
  checkpoint(position: bigint, buffered: number): void {
    if (buffered <= 0) {
      this.confirm(position);
      this.pending = undefined;
      return;
    }
    // A later checkpoint supersedes one still waiting: its buffer includes the earlier one's.
    this.pending = { position, remaining: buffered };
  }

  /** An event (delivered or skipped) was taken from the buffer; `position` is its own. */
  consumed(position: bigint): void {
    this.confirm(position);
    if (!this.pending) return;
    this.pending.remaining -= 1;
    if (this.pending.remaining <= 0) {
      this.confirm(this.pending.position);
      this.pending = undefined;
    }
  }

  /** The position after which a new subscription misses nothing. */
  get resumeAfter(): bigint {
    return this.confirmed;
  }

  private confirm(position: bigint): void {
    if (position > this.confirmed) this.confirmed = position;
  }
}

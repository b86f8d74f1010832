/** A stream's folded state and the revision and log position of the last event folded into it. */
export interface KnownState<State> {
  readonly revision: number;
  readonly position: bigint;
  readonly state: State;
}

/**
 * The folded states of the streams handled most recently, so the next command on one of them reads
 * only the events appended since (by this process or any other) and folds them onto the state kept,
 * instead of reading and folding the whole stream again. Events never change once written, so a
 * state kept for a revision stays that revision's state; an entry is replaced only by a later one.
 * States are immutable values (the deciders' `evolve` returns new ones), shared by whoever reads them.
 */
export class StreamStates<State> {
  private readonly entries = new Map<string, KnownState<State>>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): KnownState<State> | undefined {
    const known = this.entries.get(streamId);
    if (known) {
      // Most recently used last: the first entry is the one to evict.
      this.entries.delete(streamId);
      this.entries.set(streamId, known);
    }
    return known;
  }

  keep(streamId: string, known: KnownState<State>): void {
    const current = this.entries.get(streamId);
    if (current && current.revision >= known.revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, known);
    if (this.entries.size > this.capacity)
      this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

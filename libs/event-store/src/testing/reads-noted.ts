import { ForwardingEventStore } from '../forwarding-event-store';
import type { ReadStreamOptions, RecordedEvent } from '../event-store.port';

/** A store that notes each stream read (which stream, from which revision), then reads as asked. */
export class ReadsNoted extends ForwardingEventStore {
  /** Each read in order: its stream, and the revision it began at (undefined: the whole stream). */
  readonly reads: { readonly streamId: string; readonly from: number | undefined }[] = [];

  /** Where each read began. */
  get froms(): (number | undefined)[] {
    return this.reads.map((read) => read.from);
  }

  override readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.reads.push({ streamId, from: options?.fromRevision });
    return super.readStream(streamId, options);
  }
}

import { ForwardingEventStore } from '../forwarding-event-store';
import type { ReadStreamOptions, RecordedEvent } from '../event-store.port';

/** A store that notes each stream read (which stream, from which revision), then reads as asked. */
export class ReadsNoted extends ForwardingEventStore {
  /** Where each read began: a revision, or undefined for the whole stream. */
  readonly froms: (number | undefined)[] = [];
  readonly streams: string[] = [];
  override readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.froms.push(options?.fromRevision);
    this.streams.push(streamId);
    return super.readStream(streamId, options);
  }
}

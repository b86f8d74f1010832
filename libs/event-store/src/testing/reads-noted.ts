import { ForwardingEventStore } from '../forwarding-event-store';
import type { ReadStreamOptions, RecordedEvent } from '../event-store.port';

/** A store that notes how each stream read began (from which revision), then reads as asked. */
export class ReadsNoted extends ForwardingEventStore {
  readonly froms: (number | undefined)[] = [];
  override readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.froms.push(options?.fromRevision);
    return super.readStream(streamId, options);
  }
}

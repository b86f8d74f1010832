import { toDomainEvent, type Clock } from '@pact/application';
import type { PledgeEvent, ReportingPromptSent, TimelineChangeNoticed } from '@pact/domain';
import { waitForEventAfter, type EventStore, type RecordedEvent } from '@pact/event-store';
import type { DeliveryQueue } from '../delivery/delivery-queue';
import type { TimelineNotices } from '../timeline/timeline-notices';
import type { PledgeReminders } from './pledge-reminders';
import type { ReminderLedger } from './reminder-ledger';

const CHECKPOINT = 'reminder-scheduler';
const PAGE = 500;

/** Events after which a pledge's jobs change: the rest of the schedule follows from these. */
const RESCHEDULING = new Set([
  'PledgeSigned',
  'PledgePublished',
  'ReportingCycleCompleted',
  'ReportingPromptSent',
  'PledgeMarkedNonReporting',
  'PledgeWithdrawn',
]);
/** Events that can leave planned jobs behind that no longer apply. */
const INVALIDATING = new Set(['ReportingCycleCompleted', 'PledgeWithdrawn']);

/**
 * The worker's own checkpointed subscription: turns pledge events into BullMQ jobs, recorded
 * prompts and timeline notices into deliveries, and timeline amendments into notices. It pages from its checkpoint and saves the checkpoint only after Redis
 * accepted the page's jobs, so a crash or an outage replays a page (harmlessly: job ids and
 * delivery records are deterministic) and never skips one.
 */
export class ReminderScheduler {
  constructor(
    private readonly store: EventStore,
    private readonly ledger: ReminderLedger,
    private readonly reminders: PledgeReminders,
    private readonly deliveries: DeliveryQueue,
    private readonly clock: Clock,
    private readonly timeline: TimelineNotices,
  ) {}

  /** Follows the log until aborted, waiting for appends at its head. */
  run(signal: AbortSignal): Promise<void> {
    return this.follow(signal);
  }

  /** Applies the log up to its current head, page by page as `run` does, then returns. */
  async catchUp(): Promise<void> {
    await this.follow(new AbortController().signal, await this.store.headPosition());
  }

  private async follow(signal: AbortSignal, until?: bigint): Promise<void> {
    let last = await this.ledger.checkpoint(CHECKPOINT);
    while (!signal.aborted && (until === undefined || last < until)) {
      const events = await this.store.readAll({ after: last, maxCount: PAGE });
      if (events.length === 0) {
        if (until !== undefined) return;
        await waitForEventAfter(this.store, last, signal);
        continue;
      }
      await this.apply(events);
      last = events.at(-1)!.position;
      await this.ledger.saveCheckpoint(CHECKPOINT, last);
    }
  }

  private async apply(events: readonly RecordedEvent[]): Promise<void> {
    const touched = new Map<string, boolean>();
    for (const recorded of events) {
      if (recorded.type === 'TimelineVersionRecorded')
        await this.timeline.versionRecorded(recorded);
      if (recorded.type === 'TimelineChangeNoticed')
        await this.deliveries.enqueueNotice(
          recorded.data as TimelineChangeNoticed['data'],
          this.clock.now(),
        );
      if (!RESCHEDULING.has(recorded.type)) continue;
      const event = toDomainEvent<PledgeEvent>(recorded);
      const pledgeId = event.data.pledgeId;
      touched.set(pledgeId, (touched.get(pledgeId) ?? false) || INVALIDATING.has(event.type));
      if (event.type === 'ReportingPromptSent') await this.promptRecorded(event.data);
    }
    await this.reminders.scheduleMany(touched, undefined, streamsFromTheStart(events));
  }

  private async promptRecorded(prompt: ReportingPromptSent['data']): Promise<void> {
    await this.ledger.notePrompt(prompt.promptId, prompt.stage);
    await this.deliveries.enqueue(prompt, this.clock.now());
  }
}

/**
 * The page's events by stream, for the streams whose first event is in the page: the page is a run
 * of the log with nothing left out, so each of those is its stream as of the page's end, and a
 * pledge signed in the page is planned without reading its stream back.
 */
function streamsFromTheStart(
  events: readonly RecordedEvent[],
): ReadonlyMap<string, readonly RecordedEvent[]> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const stream = streams.get(event.streamId);
    if (stream) stream.push(event);
    else if (event.revision === 0) streams.set(event.streamId, [event]);
  }
  return streams;
}

import {
  commitmentCatalogue,
  linkedProvisions,
  type PledgeSigned,
  type CommitmentAdded,
  type TimelineVersionRecorded,
} from '@pact/domain';
import type { EventStore, RecordedEvent } from '@pact/event-store';
import type { CommandBus } from '@nestjs/cqrs';
import { NoticeTimelineChangeCommand } from '../scheduling/reminder-commands';

const PAGE = 1000;
/** Notices under way at once. */
const NOTICES_AT_ONCE = 16;

/**
 * The worker's half of a timeline amendment: when a recorded version moves the date a provision
 * applies from, every pledge signed before it with a commitment linked to that provision is told,
 * through its own `TimelineChangeNoticed` (once per pledge and version, so a replay is harmless).
 */
export class TimelineNotices {
  constructor(
    private readonly store: EventStore,
    private readonly commands: Pick<CommandBus, 'execute'>,
  ) {}

  /** Notifies the pledges concerned; answers how many recorded a notice. */
  async versionRecorded(event: RecordedEvent): Promise<number> {
    const { changes } = event.data as TimelineVersionRecorded['data'];
    // A provision dated for the first time moves nothing a pledge planned against.
    const moved = new Set(changes.filter((c) => c.from !== null).map((c) => c.provision));
    const codes = new Set(
      commitmentCatalogue.entries
        .filter((entry) => linkedProvisions(entry).some((link) => moved.has(link.provision)))
        .map((entry) => entry.code),
    );
    if (codes.size === 0) return 0;
    const pledges = await this.pledgesHolding(codes, event.position);
    let noticed = 0;
    let next = 0;
    let failure: { error: unknown } | undefined;
    // Several notices at once: each is its own pledge's command, and their appends share the event
    // store's group commits. After a failure none is started; those under way finish, then it is
    // thrown (the scheduler retries the page, and pledges already noticed record nothing again).
    const noticeNext = async (): Promise<void> => {
      while (!failure && next < pledges.length) {
        const pledgeId = pledges[next++]!;
        try {
          const outcome = await this.commands.execute(
            new NoticeTimelineChangeCommand(pledgeId, event),
          );
          if (outcome.kind === 'recorded') noticed++;
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: NOTICES_AT_ONCE }, noticeNext));
    if (failure) throw failure.error;
    return noticed;
  }

  /**
   * Pledges signed before `until` that hold one of `codes`, from the log itself: an amendment is
   * rare, so one read of the log up to it costs less than keeping an index current on every event.
   */
  private async pledgesHolding(codes: ReadonlySet<string>, until: bigint): Promise<string[]> {
    const holding = new Set<string>();
    for (let after = 0n; after < until;) {
      const events = await this.store.readAll({ after, maxCount: PAGE });
      if (events.length === 0) break;
      for (const event of events) {
        if (event.position >= until) break;
        if (event.type === 'PledgeSigned') {
          const data = event.data as PledgeSigned['data'];
          if (data.commitments.some((c) => codes.has(c.code))) holding.add(data.pledgeId);
        } else if (event.type === 'CommitmentAdded') {
          const data = event.data as CommitmentAdded['data'];
          if (codes.has(data.commitment.code)) holding.add(data.pledgeId);
        } else if (event.type === 'PledgeWithdrawn') {
          holding.delete((event.data as { pledgeId: string }).pledgeId);
        }
      }
      after = events.at(-1)!.position;
    }
    return [...holding];
  }
}

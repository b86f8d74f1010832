import { SqliteEventStore } from '@pact/event-store';
import { testEvent } from '@pact/event-store/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReminderOutcome } from '../scheduling/reminder-outcome';
import type { NoticeTimelineChangeCommand } from '../scheduling/reminder-commands';
import { TimelineNotices } from './timeline-notices';

const envelope = (type: string, data: unknown) =>
  testEvent(type, data, { actor: { keyId: 'k', role: 'admin' } });

/** The commands the notices ask for, answered after a turn, counting how many are under way. */
class CommandsSeen {
  readonly pledges: string[] = [];
  inFlight = 0;
  mostInFlight = 0;
  constructor(private readonly failOn?: string) {}

  async execute(command: NoticeTimelineChangeCommand): Promise<ReminderOutcome> {
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (command.pledgeId === this.failOn) throw new Error('the event store is gone');
      this.pledges.push(command.pledgeId);
      return { kind: 'recorded', revision: 1 };
    } finally {
      this.inFlight--;
    }
  }
}

describe('timeline notices', () => {
  let dir: string;
  let store: SqliteEventStore;
  let amendment: Awaited<ReturnType<SqliteEventStore['readAll']>>[number];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pact-notices-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    // 100 pledges holding the Annex III commitment, 20 without it, 10 of the first withdrawn.
    for (let i = 0; i < 120; i++)
      await store.append(
        `pledge-${i}`,
        [
          envelope('PledgeSigned', {
            pledgeId: `p${i}`,
            commitments: [{ code: i < 100 ? 'high-risk-mapping' : 'ai-literacy' }],
          }),
          ...(i < 10 ? [envelope('PledgeWithdrawn', { pledgeId: `p${i}` })] : []),
        ],
        'no-stream',
      );
    await store.append(
      'ai-act-timeline',
      [
        envelope('TimelineVersionRecorded', {
          version: '2026-omnibus',
          changes: [{ provision: 'Annex III', from: '2026-08-02', to: '2027-12-02' }],
        }),
      ],
      'no-stream',
    );
    amendment = (await store.readAll({ maxCount: 1000 })).at(-1)!;
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('notices every live pledge holding a moved provision once, several at a time', async () => {
    const commands = new CommandsSeen();
    const noticed = await new TimelineNotices(store, commands).versionRecorded(amendment);
    expect(noticed).toBe(90);
    expect(new Set(commands.pledges)).toEqual(
      new Set(Array.from({ length: 90 }, (_, i) => `p${i + 10}`)),
    );
    expect(commands.pledges).toHaveLength(90);
    expect(commands.mostInFlight).toBe(16);
  });

  it('after a failure starts no further notice, lets those under way finish, then throws', async () => {
    const commands = new CommandsSeen('p20');
    await expect(new TimelineNotices(store, commands).versionRecorded(amendment)).rejects.toThrow(
      'the event store is gone',
    );
    expect(commands.inFlight).toBe(0);
    // Those started with it or before it finished; the rest were left for the retry.
    expect(commands.pledges.length).toBeGreaterThan(0);
    expect(commands.pledges.length).toBeLessThan(89);
  });
});

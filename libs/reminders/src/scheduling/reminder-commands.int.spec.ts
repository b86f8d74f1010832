import { CLOCK, handle, replay } from '@pact/application';
import {
  defaultReportingConfig,
  pledgeDecider,
  pledgeStream,
  reportingSchedule,
  type ActivePledge,
  type PledgeSigned,
} from '@pact/domain';
import { EVENT_STORE, type SqliteEventStore } from '@pact/event-store';
import { ReadsNoted, testEvent, TwoWriters } from '@pact/event-store/testing';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import {
  REMINDER_OPTIONS,
  ReminderPledgeStates,
  SendReportingPromptCommand,
  SendReportingPromptHandler,
} from './reminder-commands';
import type { ReminderOutcome } from './reminder-outcome';

describe('reminder commands (real SQLite)', () => {
  const reporting = defaultReportingConfig();
  let writers: TwoWriters;
  let store: SqliteEventStore;
  /** Another process writing the same file (another worker, or the API). */
  let other: SqliteEventStore;
  beforeEach(() => {
    writers = new TwoWriters();
    ({ store, other } = writers);
  });
  afterEach(() => writers.close());

  it('reads the pledge once per prompt, and after a write elsewhere only what was appended since', async () => {
    const noted = new ReadsNoted(store);
    let now = new Date('2025-01-01T00:00:00.000Z');
    const nest = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        ReminderPledgeStates,
        SendReportingPromptHandler,
        { provide: EVENT_STORE, useValue: noted },
        { provide: CLOCK, useValue: { now: () => now } },
        { provide: REMINDER_OPTIONS, useValue: { reporting, sweepIntervalMs: 1000, email: false } },
      ],
    }).compile();
    await nest.init();
    const commands = nest.get(CommandBus);
    const pledgeId = randomUUID();
    const stream = pledgeStream(pledgeId);
    const signed: PledgeSigned['data'] = {
      pledgeId,
      organisationId: `org-${pledgeId}`,
      signatory: { name: 'n', position: 'p' },
      signedAt: '2024-01-01T00:00:00.000Z',
      catalogueVersion: '2024-09',
      commitments: [{ code: 'ai-literacy', tier: 'core', actions: [] }],
    };
    await other.append(stream, [testEvent('PledgeSigned', signed)], 'no-stream');
    const [first, second, third] = reportingSchedule(
      replay(pledgeDecider, await store.readStream(stream)).state as ActivePledge,
      reporting,
    )!.prompts;
    const job = (offset: string) =>
      new SendReportingPromptCommand({
        kind: 'prompt',
        pledgeId,
        cycle: 1,
        offset,
        causationId: 'e',
        correlationId: 'c',
      });
    /** Where each read of the pledge's stream since the last look began. */
    const pledgeReads = () =>
      noted.reads
        .splice(0)
        .filter((read) => read.streamId === stream)
        .map((read) => read.from);

    now = new Date(third!.sendAt);
    expect(
      await commands.execute<SendReportingPromptCommand, ReminderOutcome>(job(first!.offset)),
    ).toEqual({ kind: 'recorded', revision: 1 });
    // Read whole to check what is owed, then decided and appended on that state: one read.
    expect(pledgeReads()).toStrictEqual([undefined]);

    // Another process records the second prompt.
    await handle(
      other,
      pledgeDecider,
      stream,
      {
        type: 'SendReportingPrompt',
        data: {
          promptId: 'elsewhere',
          cycle: 1,
          stage: second!.stage,
          offset: second!.offset,
          dueAt: second!.dueAt,
          sentAt: now.toISOString(),
          channels: ['inbox'],
        },
      },
      {
        commandId: 'elsewhere',
        actor: { keyId: 'reminder-worker', role: 'system' },
        correlationId: 'c',
        causationId: 'c',
        now,
      },
    );
    // The second prompt is already sent: nothing owed, known from the events read since.
    expect(
      await commands.execute<SendReportingPromptCommand, ReminderOutcome>(job(second!.offset)),
    ).toMatchObject({ kind: 'nothing-to-do' });
    expect(pledgeReads()).toStrictEqual([2]);
    expect(
      await commands.execute<SendReportingPromptCommand, ReminderOutcome>(job(third!.offset)),
    ).toEqual({ kind: 'recorded', revision: 3 });
    expect(pledgeReads()).toStrictEqual([3]);
    const sent = (await store.readStream(stream)).map((e) => [
      e.type,
      (e.data as { offset?: string }).offset,
    ]);
    expect(sent).toEqual([
      ['PledgeSigned', undefined],
      ['ReportingPromptSent', first!.offset],
      ['ReportingPromptSent', second!.offset],
      ['ReportingPromptSent', third!.offset],
    ]);
    await nest.close();
  });
});

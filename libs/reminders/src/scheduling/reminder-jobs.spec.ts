import {
  defaultReportingConfig,
  fold,
  pledgeDecider,
  type ActivePledge,
  type PledgeEvent,
} from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';
import {
  cycleCause,
  nonReportingJobId,
  planReminders,
  promptJobId,
  reminderJobIds,
} from './reminder-jobs';

const signedAt = '2026-01-31T00:00:00.000Z';
const signed: PledgeEvent = {
  type: 'PledgeSigned',
  data: {
    pledgeId: 'p1',
    organisationId: 'o1',
    signatory: { name: 'n', position: 'p' },
    signedAt,
    catalogueVersion: 'v',
    commitments: [{ code: 'ai-literacy', tier: 'core', actions: [] }],
  },
};
const promptSent = (offset: string): PledgeEvent => ({
  type: 'ReportingPromptSent',
  data: {
    pledgeId: 'p1',
    promptId: offset,
    cycle: 1,
    stage: 'upcoming',
    offset,
    dueAt: '2027-01-31T00:00:00.000Z',
    sentAt: '2027-01-01T00:00:00.000Z',
    channels: ['inbox'],
  },
});
const active = (...events: PledgeEvent[]) => fold(pledgeDecider, events) as ActivePledge;
const cause = { causationId: 'event-1', correlationId: 'request-1' };
const config = defaultReportingConfig();

describe('reminder jobs', () => {
  it('names jobs prompt-<pledge>-<cycle>-<stage>-<offset>, without colons, one per stage', () => {
    const ids = config.stages.map((offset) => promptJobId('p1', 1, offset.toISO()!));
    expect(ids).toEqual([
      'prompt-p1-1-upcoming-P30D',
      'prompt-p1-1-upcoming-P7D',
      'prompt-p1-1-due-PT0S',
      'prompt-p1-1-overdue-P14D',
    ]);
    expect(ids.every((id) => !id.includes(':'))).toBe(true);
    expect(nonReportingJobId('p1', 2)).toBe('non-reporting-p1-2');
  });

  it('plans each prompt of the cycle at its time and the non-reporting mark, carrying the cause', () => {
    const plan = planReminders(active(signed), config, cause);
    expect(plan.map((job) => [job.id, new Date(job.runAt).toISOString()])).toEqual([
      ['prompt-p1-1-upcoming-P30D', '2027-01-01T00:00:00.000Z'],
      ['prompt-p1-1-upcoming-P7D', '2027-01-24T00:00:00.000Z'],
      ['prompt-p1-1-due-PT0S', '2027-01-31T00:00:00.000Z'],
      ['prompt-p1-1-overdue-P14D', '2027-02-14T00:00:00.000Z'],
      ['non-reporting-p1-1', '2027-03-02T00:00:00.000Z'],
    ]);
    expect(plan[0]!.data).toEqual({
      kind: 'prompt',
      pledgeId: 'p1',
      cycle: 1,
      offset: 'P-30D',
      ...cause,
    });
  });

  it('leaves out prompts already recorded, and plans nothing for a withdrawn pledge', () => {
    const plan = planReminders(active(signed, promptSent('P-30D')), config, cause);
    expect(plan.map((job) => job.id)).not.toContain('prompt-p1-1-upcoming-P30D');
    expect(plan).toHaveLength(4);
    const withdrawn: PledgeEvent = {
      type: 'PledgeWithdrawn',
      data: { pledgeId: 'p1', reason: 'r', withdrawnAt: signedAt },
    };
    expect(planReminders(active(signed, withdrawn), config, cause)).toEqual([]);
  });

  it('knows every job id of the current and previous cycle, so stale ones can be removed', () => {
    const completed: PledgeEvent = {
      type: 'ReportingCycleCompleted',
      data: { pledgeId: 'p1', cycle: 1, completedAt: signedAt },
    };
    const pledge = active(signed, completed);
    const ids = reminderJobIds(pledge, config);
    expect(ids).toHaveLength(10);
    expect(ids).toContain('prompt-p1-1-due-PT0S');
    expect(ids).toContain('non-reporting-p1-2');
    for (const job of planReminders(pledge, config, cause)) expect(ids).toContain(job.id);
  });

  it('names as cause the event that opened the cycle: the last completion, else the anchor', () => {
    const recorded = (type: string, eventId: string) =>
      ({ type, eventId, metadata: { correlationId: `c-${eventId}` } }) as RecordedEvent;
    const stream = [recorded('PledgeSigned', 'e1'), recorded('PledgePublished', 'e2')];
    expect(cycleCause(stream, config)).toEqual({ causationId: 'e1', correlationId: 'c-e1' });
    expect(cycleCause(stream, { ...config, anchor: 'publication' }).causationId).toBe('e2');
    const later = [...stream, recorded('ReportingCycleCompleted', 'e3')];
    expect(cycleCause(later, config).causationId).toBe('e3');
  });
});

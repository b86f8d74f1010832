import fc from 'fast-check';
import { pledgeDecider } from '../pledge/pledge.decider';
import type { PledgeEvent } from '../pledge/pledge.events';
import type { ActivePledge } from '../pledge/pledge.state';
import { fold } from '../shared/decider';
import { ConflictError } from '../shared/errors';
import { deciderSpec } from '../testing/decider-spec';
import {
  defaultReportingConfig,
  parseReportingConfig,
  type ReportingConfig,
} from './reporting-config';
import { parseIsoDuration } from './durations';
import { duePrompts, reportingSchedule, type ScheduledPrompt } from './reporting-policy';

const signedAt = '2025-01-31T00:00:00.000Z';
const signed: PledgeEvent = {
  type: 'PledgeSigned',
  data: {
    pledgeId: 'p',
    organisationId: 'o',
    signatory: { name: 'n', position: 'p' },
    signedAt,
    catalogueVersion: 'v',
    commitments: [{ code: 'ai-literacy', tier: 'core', actions: [] }],
  },
};
const completed = (cycle: number): PledgeEvent => ({
  type: 'ReportingCycleCompleted',
  data: { pledgeId: 'p', cycle, completedAt: signedAt },
});
const withdrawn: PledgeEvent = {
  type: 'PledgeWithdrawn',
  data: { pledgeId: 'p', reason: 'r', withdrawnAt: signedAt },
};
const sendCommand = ({ sendAt, ...prompt }: ScheduledPrompt) =>
  ({
    type: 'SendReportingPrompt',
    data: {
      promptId: `${prompt.cycle}-${prompt.offset}`,
      ...prompt,
      sentAt: sendAt,
      channels: ['inbox'],
    },
  }) as const;
const sendData = ({ sendAt, ...prompt }: ScheduledPrompt) => ({
  pledgeId: 'p',
  promptId: `${prompt.cycle}-${prompt.offset}`,
  ...prompt,
  sentAt: sendAt,
  channels: ['inbox'],
});
const active = (events: PledgeEvent[]) => fold(pledgeDecider, events) as ActivePledge;

describe('reporting prompts', () => {
  const config = defaultReportingConfig();
  const spec = deciderSpec(pledgeDecider);

  it('schedules the four default stages of cycle 1 in order, and non-reporting 30 days after', () => {
    expect(reportingSchedule(active([signed]), config)).toEqual({
      cycle: 1,
      dueAt: '2026-01-31T00:00:00.000Z',
      prompts: [
        {
          cycle: 1,
          stage: 'upcoming',
          offset: 'P-30D',
          dueAt: '2026-01-31T00:00:00.000Z',
          sendAt: '2026-01-01T00:00:00.000Z',
        },
        {
          cycle: 1,
          stage: 'upcoming',
          offset: 'P-7D',
          dueAt: '2026-01-31T00:00:00.000Z',
          sendAt: '2026-01-24T00:00:00.000Z',
        },
        {
          cycle: 1,
          stage: 'due',
          offset: 'PT0S',
          dueAt: '2026-01-31T00:00:00.000Z',
          sendAt: '2026-01-31T00:00:00.000Z',
        },
        {
          cycle: 1,
          stage: 'overdue',
          offset: 'P14D',
          dueAt: '2026-01-31T00:00:00.000Z',
          sendAt: '2026-02-14T00:00:00.000Z',
        },
      ],
      nonReportingAt: '2026-03-02T00:00:00.000Z',
    });
    expect(
      duePrompts(active([signed]), config, '2026-01-24T00:00:00.000Z').map((p) => p.offset),
    ).toEqual(['P-30D', 'P-7D']);
  });

  it('records a prompt once and answers a repeat with no event', () => {
    const [first] = reportingSchedule(active([signed]), config)!.prompts;
    const sent: PledgeEvent = { type: 'ReportingPromptSent', data: sendData(first!) };
    spec.given([signed]).when(sendCommand(first!)).then([sent]);
    spec.given([signed, sent]).when(sendCommand(first!)).then([]);
    expect(reportingSchedule(active([signed, sent]), config)!.prompts).toHaveLength(3);
  });

  it('refuses prompts for a completed cycle or a withdrawn pledge', () => {
    const [first] = reportingSchedule(active([signed]), config)!.prompts;
    spec
      .given([signed, completed(1)])
      .when(sendCommand(first!))
      .thenThrows(ConflictError, /cycle/);
    spec
      .given([signed, withdrawn])
      .when(sendCommand(first!))
      .thenThrows(ConflictError, /withdrawn/);
    expect(reportingSchedule(active([signed, withdrawn]), config)).toBeNull();
  });

  it('marks non-reporting once per cycle; completing the cycle clears it', () => {
    const mark = {
      type: 'MarkNonReporting',
      data: { cycle: 1, dueAt: '2026-01-31T00:00:00.000Z', markedAt: '2026-03-02T00:00:00.000Z' },
    } as const;
    const marked: PledgeEvent = {
      type: 'PledgeMarkedNonReporting',
      data: { pledgeId: 'p', ...mark.data },
    };
    spec.given([signed]).when(mark).then([marked]);
    spec.given([signed, marked]).when(mark).then([]);
    expect(reportingSchedule(active([signed, marked]), config)!.nonReportingAt).toBeNull();
    expect(active([signed, marked, completed(1)]).nonReportingCycle).toBeUndefined();
    expect(reportingSchedule(active([signed, marked, completed(1)]), config)).toMatchObject({
      cycle: 2,
      nonReportingAt: '2027-03-02T00:00:00.000Z',
    });
  });

  it('waits for publication when cycles are anchored on it', () => {
    const byPublication = parse('P12M', 'publication', '-P7D', 'P30D');
    expect(reportingSchedule(active([signed]), byPublication)).toBeNull();
    const published: PledgeEvent = {
      type: 'PledgePublished',
      data: { pledgeId: 'p', publishedAt: '2025-03-01T00:00:00.000Z' },
    };
    expect(reportingSchedule(active([signed, published]), byPublication)!.dueAt).toBe(
      '2026-03-01T00:00:00.000Z',
    );
  });
});

describe('reporting policy properties', () => {
  const unit = fc.constantFrom('S', 'M', 'H', 'D', 'W', 'MO');
  const duration = (min: number, max: number) =>
    fc.tuple(fc.integer({ min, max }), unit).map(([n, u]) => {
      const text =
        u === 'MO'
          ? `P${Math.abs(n)}M`
          : ['S', 'M', 'H'].includes(u)
            ? `PT${Math.abs(n)}${u}`
            : `P${Math.abs(n)}${u}`;
      return n < 0 ? `-${text}` : text;
    });
  const configs = fc
    .record({
      interval: duration(1, 400),
      // Distinct offsets: a setting that lists one twice is refused.
      stages: fc.uniqueArray(duration(-400, 400), {
        minLength: 1,
        maxLength: 6,
        selector: (text) => parseIsoDuration(text)!.as('milliseconds'),
      }),
      nonReportingAfter: duration(0, 400),
      anchor: fc.constantFrom('signature', 'publication'),
    })
    .map((s) => parse(s.interval, s.anchor, s.stages.join(','), s.nonReportingAfter));
  const history = (config: ReportingConfig, completedCycles: number): PledgeEvent[] => [
    signed,
    ...(config.anchor === 'publication'
      ? [
          {
            type: 'PledgePublished',
            data: { pledgeId: 'p', publishedAt: '2025-02-10T00:00:00.000Z' },
          } as PledgeEvent,
        ]
      : []),
    ...Array.from({ length: completedCycles }, (_, i) => completed(i + 1)),
  ];

  it('handles any interval and stage list that parses, with stages in order of their send time', () => {
    fc.assert(
      fc.property(configs, fc.integer({ min: 0, max: 3 }), (config, done) => {
        const schedule = reportingSchedule(active(history(config, done)), config)!;
        expect(schedule.cycle).toBe(done + 1);
        const times = schedule.prompts.map((p) => Date.parse(p.sendAt));
        expect(times.every((t) => Number.isFinite(t))).toBe(true);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(new Set(schedule.prompts.map((p) => p.offset)).size).toBe(schedule.prompts.length);
      }),
    );
  });

  it('sends each offset at most once per cycle, and nothing for a completed cycle or a withdrawn pledge', () => {
    fc.assert(
      fc.property(configs, (config) => {
        let events = history(config, 0);
        const prompts = reportingSchedule(active(events), config)!.prompts;
        for (const prompt of prompts) {
          const decided = pledgeDecider.decide(sendCommand(prompt), fold(pledgeDecider, events));
          expect(decided).toHaveLength(1);
          events = [...events, ...decided];
          expect(pledgeDecider.decide(sendCommand(prompt), fold(pledgeDecider, events))).toEqual(
            [],
          );
        }
        expect(reportingSchedule(active(events), config)!.prompts).toEqual([]);
        const afterCompletion = [...events, completed(1)];
        for (const prompt of prompts) {
          expect(() =>
            pledgeDecider.decide(sendCommand(prompt), fold(pledgeDecider, afterCompletion)),
          ).toThrow(ConflictError);
        }
        expect(reportingSchedule(active([...events, withdrawn]), config)).toBeNull();
      }),
    );
  });
});

function parse(
  interval: string,
  anchor: string,
  stages: string,
  nonReportingAfter: string,
): ReportingConfig {
  const parsed = parseReportingConfig({ interval, anchor, stages, nonReportingAfter });
  if ('errors' in parsed) throw new Error(parsed.errors.join('; '));
  return parsed;
}

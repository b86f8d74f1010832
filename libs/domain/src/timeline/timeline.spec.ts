import { commitmentCatalogue } from '../catalogue/commitment-catalogue';
import { createPledgeDecider } from '../pledge/pledge.decider';
import type { PledgeEvent } from '../pledge/pledge.events';
import { ConflictError, InvalidCommandError } from '../shared/errors';
import { deciderSpec } from '../testing/decider-spec';
import {
  aiActProvisions,
  baselineTimelines,
  dateChanges,
  shippedTimelineVersions,
  type TimelineVersion,
} from './ai-act-timeline';
import { commitmentAppliesFrom, commitmentProvisions, linkedProvisions } from './pledge-calendar';
import { createTimelineDecider, type TimelineEvent } from './timeline.decider';

const [original, omnibus] = shippedTimelineVersions as [TimelineVersion, TimelineVersion];
const [resolvedOriginal, resolvedOmnibus] = baselineTimelines(omnibus.version);
const at = '2026-11-30T10:00:00.000Z';

describe('the AI Act timeline reference data', () => {
  it('dates every provision in every shipped version, and names each provision once', () => {
    const ids = aiActProvisions.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const version of baselineTimelines(omnibus.version))
      for (const id of ids) expect([id, version.appliesFrom[id]]).toEqual([id, expect.any(String)]);
  });

  it('gives each provision its article, paragraph or annex', () => {
    expect(aiActProvisions.find((p) => p.id === 'Art. 50(2)')).toMatchObject({
      article: 50,
      paragraph: 2,
    });
    expect(aiActProvisions.find((p) => p.id === 'Annex III')).toMatchObject({ annex: 'III' });
  });

  it('links every commitment of the catalogue to known provisions only', () => {
    const known = new Set(aiActProvisions.map((p) => p.id));
    for (const entry of commitmentCatalogue.entries)
      for (const { provision } of linkedProvisions(entry)) expect(known).toContain(provision);
  });

  it('carries the corrections found against the pledge text', () => {
    const find = (code: string) => commitmentCatalogue.find(code)!;
    // Art. 50(4) binds deployers only: the providers' commitment implements 50(2) and supports 50(4).
    expect(find('provider-deepfake-labelling-means')).toMatchObject({
      implements: ['Art. 50(2)'],
      related: ['Art. 50(4)'],
    });
    expect(find('high-risk-mapping').implements).toEqual(
      expect.arrayContaining(['Annex I', 'Annex III']),
    );
    expect(find('ai-literacy').description).toContain(
      'the persons or groups of persons affected by the use of the AI systems',
    );
    // Art. 27's impact assessment binds only some deployers.
    expect(find('deployer-fundamental-rights-mapping')).toMatchObject({
      implements: [],
      related: ['Art. 27'],
    });
  });

  it('moves Annex III and Annex I by the omnibus, and leaves Art. 50 where it was', () => {
    const changes = dateChanges(resolvedOriginal, resolvedOmnibus!);
    expect(changes).toContainEqual({
      provision: 'Annex III',
      from: '2026-08-02',
      to: '2027-12-02',
    });
    expect(changes).toContainEqual({ provision: 'Annex I', from: '2027-08-02', to: '2028-08-02' });
    expect(changes.map((c) => c.provision)).not.toContain('Art. 50(2)');
    expect(resolvedOmnibus!.appliesFrom['Art. 4']).toBe('2025-02-02');
  });

  it('dates a commitment by the earliest of its provisions', () => {
    expect(commitmentAppliesFrom('high-risk-mapping', commitmentCatalogue, resolvedOriginal!)).toBe(
      '2026-08-02',
    );
    expect(commitmentAppliesFrom('high-risk-mapping', commitmentCatalogue, resolvedOmnibus!)).toBe(
      '2027-12-02',
    );
    expect(
      commitmentAppliesFrom('ai-governance-strategy', commitmentCatalogue, resolvedOmnibus!),
    ).toBeNull();
    expect(
      commitmentProvisions(
        'deployer-fundamental-rights-mapping',
        commitmentCatalogue,
        resolvedOmnibus!,
      ),
    ).toEqual([{ provision: 'Art. 27', link: 'related', appliesFrom: '2027-12-02' }]);
  });
});

describe('recording a timeline version', () => {
  const spec = deciderSpec(createTimelineDecider(baselineTimelines(original.version)));
  const record = (version: TimelineVersion) =>
    ({ type: 'RecordTimelineVersion', data: { version, recordedAt: at } }) as const;
  const omnibusRecorded: TimelineEvent = {
    type: 'TimelineVersionRecorded',
    data: {
      version: omnibus.version,
      act: omnibus.act,
      inForceFrom: omnibus.inForceFrom,
      dates: omnibus.dates,
      previousVersion: original.version,
      changes: dateChanges(resolvedOriginal, resolvedOmnibus!),
      recordedAt: at,
    },
  };

  it('records an amendment with its changes against the version in force', () => {
    spec.given([]).when(record(omnibus)).then([omnibusRecorded]);
  });

  it('records the same version again as nothing new', () => {
    spec.given([omnibusRecorded]).when(record(omnibus)).then([]);
  });

  it('refuses another content under a known name, the baseline included', () => {
    spec
      .given([omnibusRecorded])
      .when(record({ ...omnibus, act: 'Something else' }))
      .thenThrows(ConflictError, /already known/);
    spec
      .given([])
      .when(record(original))
      .thenThrows(ConflictError, /already known/);
  });

  it('refuses unknown provisions, a provision dated twice, bad dates, and a version older than the one in force', () => {
    const entry = (provisions: string[], date = '2030-01-01') => ({ date, what: 'x', provisions });
    const base = { version: 'v', act: 'a', inForceFrom: '2030-01-01' };
    spec
      .given([])
      .when(record({ ...base, dates: [entry(['Art. 999'])] }))
      .thenThrows(InvalidCommandError);
    spec
      .given([])
      .when(record({ ...base, dates: [entry(['Art. 4']), entry(['Art. 4'], '2031-01-01')] }))
      .thenThrows(InvalidCommandError);
    spec
      .given([])
      .when(record({ ...base, dates: [entry(['Art. 4'], '2030-02-30')] }))
      .thenThrows(InvalidCommandError);
    spec
      .given([omnibusRecorded])
      .when(record({ ...base, inForceFrom: '2025-01-01', dates: [] }))
      .thenThrows(InvalidCommandError, /enters into force after/);
  });
});

describe('a pledge noticing a timeline change', () => {
  const spec = deciderSpec(createPledgeDecider(commitmentCatalogue));
  const signed = (codes: string[]): PledgeEvent => ({
    type: 'PledgeSigned',
    data: {
      pledgeId: 'pl-1',
      organisationId: 'org-1',
      signatory: { name: 'Grace Hopper', position: 'CEO' },
      signedAt: at,
      catalogueVersion: '2024-09',
      commitments: codes.map((code, i) => ({
        code,
        tier: 'core' as const,
        actions: [
          {
            actionId: `a${i}`,
            description: 'Step',
            status: 'planned' as const,
            targetDate: '2027-01-15',
          },
        ],
      })),
    },
  });
  const notice = {
    type: 'NoticeTimelineChange',
    data: {
      noticeId: 'n-1',
      previous: resolvedOriginal!,
      next: resolvedOmnibus!,
      changes: dateChanges(resolvedOriginal, resolvedOmnibus!),
      noticedAt: at,
      channels: ['inbox'],
    },
  } as const;
  const noticed: PledgeEvent = {
    type: 'TimelineChangeNoticed',
    data: {
      pledgeId: 'pl-1',
      noticeId: 'n-1',
      timelineVersion: omnibus.version,
      previousVersion: original.version,
      changes: [
        { provision: 'Art. 6(1)', from: '2027-08-02', to: '2028-08-02' },
        { provision: 'Art. 6(2)', from: '2026-08-02', to: '2027-12-02' },
        { provision: 'Annex I', from: '2027-08-02', to: '2028-08-02' },
        { provision: 'Annex III', from: '2026-08-02', to: '2027-12-02' },
      ],
      actions: [
        {
          commitmentCode: 'high-risk-mapping',
          actionId: 'a1',
          targetDate: '2027-01-15',
          before: { appliesFrom: '2026-08-02', afterApplication: true },
          after: { appliesFrom: '2027-12-02', afterApplication: false },
        },
      ],
      noticedAt: at,
      channels: ['inbox'],
    },
  };

  it('records the changes to its provisions and each action of the commitments concerned', () => {
    spec
      .given([signed(['ai-governance-strategy', 'high-risk-mapping', 'ai-literacy'])])
      .when(notice)
      .then([noticed]);
  });

  it('notices each version once', () => {
    spec
      .given([signed(['ai-governance-strategy', 'high-risk-mapping', 'ai-literacy']), noticed])
      .when(notice)
      .then([]);
  });

  it('notices nothing when no commitment links to a moved provision', () => {
    spec
      .given([signed(['ai-governance-strategy', 'ai-literacy'])])
      .when(notice)
      .then([]);
  });
});

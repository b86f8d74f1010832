import { ProjectionRunner } from '../runner/projection-runner';
import { CORE, ProjectionHarness } from '../testing/harness';

describe('registry projection', () => {
  let harness: ProjectionHarness;
  beforeEach(() => (harness = new ProjectionHarness()));
  afterEach(() => harness.close());

  const run = () =>
    new ProjectionRunner(harness.projections[0]!, harness.events, harness.read).catchUp();

  it('builds organisations, registry rows with organisation fields and due dates, and the review queue', async () => {
    await harness.append('organisation-o1', 'OrganisationRegistered', {
      organisationId: 'o1',
      name: 'Acme',
      country: 'DE',
      sector: 'J',
      size: 'large',
      roles: ['provider', 'deployer'],
      contact: { name: 'Ada', email: 'ada@acme.example' },
      registeredAt: '2025-01-01T00:00:00.000Z',
    });
    await harness.append('pledge-p1', 'PledgeSigned', {
      pledgeId: 'p1',
      organisationId: 'o1',
      signatory: { name: 'Grace', position: 'CEO' },
      signedAt: '2025-01-31T00:00:00.000Z',
      catalogueVersion: '2024-09',
      commitments: CORE.map((code) => ({ code, tier: 'core', actions: [] })),
    });
    await harness.append('pledge-p1', 'MilestoneReported', {
      pledgeId: 'p1',
      milestoneId: 'm1',
      commitmentCode: 'ai-literacy',
      cycle: 1,
      summary: 'Training',
      actionUpdates: [],
      evidenceUrls: [],
      reportedAt: '2025-05-01T00:00:00.000Z',
    });
    await harness.append('pledge-p1', 'MilestoneReviewed', {
      pledgeId: 'p1',
      milestoneId: 'm1',
      outcome: 'clarification-requested',
      comment: 'Who?',
      reviewedAt: '2025-05-02T00:00:00.000Z',
    });
    await harness.append('pledge-p1', 'PledgePublished', {
      pledgeId: 'p1',
      publishedAt: '2025-02-01T00:00:00.000Z',
    });
    await run();
    const docs = await harness.documents(['organisations', 'pledges', 'milestones']);
    expect(docs['organisations']).toEqual([
      expect.objectContaining({
        _id: 'o1',
        name: 'Acme',
        pledgeIds: ['p1'],
      }),
    ]);
    expect(JSON.stringify(docs)).not.toContain('ada@acme.example');
    expect(docs['pledges']).toEqual([
      {
        _id: 'p1',
        pledgeId: 'p1',
        organisationId: 'o1',
        organisationName: 'Acme',
        country: 'DE',
        sector: 'J',
        size: 'large',
        roles: ['provider', 'deployer'],
        status: 'published',
        signedAt: '2025-01-31T00:00:00.000Z',
        publishedAt: '2025-02-01T00:00:00.000Z',
        commitments: CORE,
        completedCycles: 0,
        cycle: 1,
        dueAt: '2026-01-31T00:00:00.000Z',
        dueSoonAt: '2026-01-01T00:00:00.000Z',
        nonReportingAt: '2026-03-02T00:00:00.000Z',
        milestonesReported: 1,
        lastReportedAt: '2025-05-01T00:00:00.000Z',
      },
    ]);
    expect(docs['milestones']).toEqual([
      expect.objectContaining({
        _id: 'm1',
        pledgeId: 'p1',
        organisationId: 'o1',
        cycle: 1,
        reviewStatus: 'clarification-requested',
        reviewComment: 'Who?',
      }),
    ]);
  });

  it('moves the due date when a cycle completes, joins organisation changes in, and marks withdrawal', async () => {
    await harness.append('organisation-o1', 'OrganisationRegistered', {
      organisationId: 'o1',
      name: 'Acme',
      country: 'DE',
      sector: 'J',
      size: 'large',
      roles: ['provider'],
      contact: { name: 'A', email: 'a@b.example' },
      registeredAt: 'x',
    });
    await harness.append('pledge-p1', 'PledgeSigned', {
      pledgeId: 'p1',
      organisationId: 'o1',
      signatory: { name: 'G', position: 'C' },
      signedAt: '2025-01-31T00:00:00.000Z',
      catalogueVersion: 'v',
      commitments: [],
    });
    await harness.append('pledge-p1', 'CommitmentAdded', {
      pledgeId: 'p1',
      commitment: { code: 'provider-logging', tier: 'additional', actions: [] },
      addedAt: 'x',
    });
    await harness.append('pledge-p1', 'ReportingCycleCompleted', {
      pledgeId: 'p1',
      cycle: 1,
      completedAt: 'x',
    });
    await harness.append('organisation-o1', 'OrganisationDetailsChanged', {
      organisationId: 'o1',
      name: 'Acme Group',
      country: 'AT',
      changedAt: 'x',
    });
    await harness.append('pledge-p1', 'PledgeWithdrawn', {
      pledgeId: 'p1',
      reason: 'r',
      withdrawnAt: '2026-03-01T00:00:00.000Z',
    });
    await run();
    const [pledge] = (await harness.documents(['pledges']))['pledges']!;
    expect(pledge).toMatchObject({
      organisationName: 'Acme Group',
      country: 'AT',
      commitments: ['provider-logging'],
      completedCycles: 1,
      cycle: 2,
      dueAt: '2027-01-31T00:00:00.000Z',
      status: 'withdrawn',
      withdrawnAt: '2026-03-01T00:00:00.000Z',
    });
  });
});

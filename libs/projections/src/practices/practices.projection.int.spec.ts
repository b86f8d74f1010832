import { ProjectionRunner } from '../runner/projection-runner';
import { ProjectionHarness } from '../testing/harness';

describe('practices projection', () => {
  let harness: ProjectionHarness;
  beforeEach(() => (harness = new ProjectionHarness()));
  afterEach(() => harness.close());

  it('folds each practice with its decider, version 1 events upcast (language en)', async () => {
    const shared = {
      practiceId: 'p1',
      organisationId: 'o1',
      title: 'T',
      summary: 'S',
      body: 'B',
      category: 'c',
      implementationLevel: 'planned',
      tags: ['x'],
      publicationConsent: true,
      sharedAt: '2025-01-01T00:00:00.000Z',
    };
    await harness.append('practice-p1', 'PracticeShared', shared);
    await harness.append('practice-p1', 'PracticePublished', {
      practiceId: 'p1',
      publishedAt: '2025-02-01T00:00:00.000Z',
    });
    await harness.append('practice-p1', 'PracticeRevised', {
      practiceId: 'p1',
      title: 'T2',
      revisedAt: '2025-03-01T00:00:00.000Z',
    });
    await harness.append('practice-p2', 'PracticeShared', { ...shared, practiceId: 'p2' });
    await harness.append('practice-p2', 'PracticeWithdrawn', {
      practiceId: 'p2',
      withdrawnAt: '2025-03-01T00:00:00.000Z',
    });
    await new ProjectionRunner(harness.projections[1]!, harness.events, harness.read).catchUp();
    expect((await harness.documents(['practices']))['practices']).toEqual([
      { ...shared, _id: 'p1', title: 'T2', language: 'en', status: 'submitted' },
      {
        ...shared,
        _id: 'p2',
        practiceId: 'p2',
        language: 'en',
        status: 'withdrawn',
        withdrawnAt: '2025-03-01T00:00:00.000Z',
      },
    ]);
  });
});

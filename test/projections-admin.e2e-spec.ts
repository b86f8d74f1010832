import { ADMIN_KEY, expectProblem, TestApp } from './support/test-app';

describe('projection operations over HTTP', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it('shows projection status, rebuilds one without losing documents, and is for admins only', async () => {
    const { pledgeId } = await api.signedPledge();
    const reviewer = await api.issueKey('reviewer');
    const published = await api.post(`/v1/pledges/${pledgeId}/publish`, {
      key: reviewer,
      body: {},
    });
    const status = await api.get('/v1/admin/projections', { key: ADMIN_KEY });
    expect(status.status).toBe(200);
    expect(status.body.projections.map((p: { name: string }) => p.name)).toEqual([
      'registry',
      'practices',
      'prompts',
      'action-targets',
    ]);
    expect(status.body.deadLetters).toEqual([]);

    const rebuilt = await api.post('/v1/admin/projections/registry/rebuild', { key: ADMIN_KEY });
    expect(rebuilt.status).toBe(200);
    const registry = await api.get(`/v1/registry/pledges?minPosition=${published.body.position}`);
    expect(registry.body.items.map((i: { pledgeId: string }) => i.pledgeId)).toEqual([pledgeId]);

    expectProblem(await api.post('/v1/admin/projections/nothing/rebuild', { key: ADMIN_KEY }), 404);
    expectProblem(await api.get('/v1/admin/projections', { key: reviewer }), 403);
    const health = await api.get('/health');
    expect(health.body.info.projections).toMatchObject({
      status: 'up',
      registry: { status: 'running' },
    });
  });
});

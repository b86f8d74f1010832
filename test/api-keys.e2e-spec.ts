import { ADMIN_KEY, expectProblem, TestApp } from './support/test-app';

describe('API keys over HTTP', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it('lets an admin issue a key of each role, shown once', async () => {
    const acme = await api.registerOrganisation();
    for (const role of ['admin', 'reviewer', 'analyst']) {
      const response = await api.post('/v1/api-keys', {
        key: ADMIN_KEY,
        body: { role, label: 'x' },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.any(String),
        key: expect.stringMatching(/^pact_/),
        role,
        organisationId: null,
      });
    }
    const participant = await api.post('/v1/api-keys', {
      key: ADMIN_KEY,
      body: { role: 'participant', organisationId: acme.organisationId, label: 'ci' },
    });
    expect(participant.body).toMatchObject({
      role: 'participant',
      organisationId: acme.organisationId,
    });
    expect(
      (await api.get(`/v1/organisations/${acme.organisationId}`, { key: participant.body.key }))
        .status,
    ).toBe(200);
  });

  it('refuses keys that make no sense', async () => {
    expectProblem(
      await api.post('/v1/api-keys', { key: ADMIN_KEY, body: { role: 'participant', label: 'x' } }),
      400,
    );
    expectProblem(
      await api.post('/v1/api-keys', {
        key: ADMIN_KEY,
        body: {
          role: 'participant',
          organisationId: '6f1c2a9e-0000-4000-8000-000000000000',
          label: 'x',
        },
      }),
      400,
    );
    expectProblem(
      await api.post('/v1/api-keys', {
        key: ADMIN_KEY,
        body: {
          role: 'reviewer',
          organisationId: '6f1c2a9e-0000-4000-8000-000000000000',
          label: 'x',
        },
      }),
      400,
    );
    expectProblem(
      await api.post('/v1/api-keys', { key: ADMIN_KEY, body: { role: 'god', label: 'x' } }),
      400,
    );
  });

  it('is for admins only', async () => {
    const reviewer = await api.issueKey('reviewer');
    expectProblem(
      await api.post('/v1/api-keys', { key: reviewer, body: { role: 'admin', label: 'x' } }),
      403,
    );
    expectProblem(await api.post('/v1/api-keys', { body: { role: 'admin', label: 'x' } }), 401);
    expectProblem(
      await api.post('/v1/api-keys', { key: 'pact_nonsense', body: { role: 'admin', label: 'x' } }),
      401,
    );
  });

  it('revokes a key, after which it gets 401', async () => {
    const issued = await api.post('/v1/api-keys', {
      key: ADMIN_KEY,
      body: { role: 'reviewer', label: 'temp' },
    });
    const health = await api.get(`/v1/organisations/00000000-0000-0000-0000-000000000000`, {
      key: issued.body.key,
    });
    expect(health.status).toBe(404);
    const revoked = await api.request('DELETE', `/v1/api-keys/${issued.body.id}`, {
      key: ADMIN_KEY,
    });
    expect(revoked.status).toBe(204);
    const after = await api.get(`/v1/organisations/00000000-0000-0000-0000-000000000000`, {
      key: issued.body.key,
    });
    expectProblem(after, 401);
    expect(after.headers.get('www-authenticate')).toBe('Bearer');
    expectProblem(await api.request('DELETE', '/v1/api-keys/no-such-key', { key: ADMIN_KEY }), 404);
  });

  it('answers 401 to a malformed Authorization header', async () => {
    expectProblem(
      await api.get('/v1/organisations/x', { headers: { authorization: 'Basic abc' } }),
      401,
    );
  });
});

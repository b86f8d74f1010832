import {
  ADMIN_KEY,
  CORE_CODES,
  expectProblem,
  organisationBody,
  pledgeBody,
  TestApp,
} from './support/test-app';

describe('organisations over HTTP', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it('registers an organisation anonymously and hands out a participant key and webhook secret once', async () => {
    const response = await api.post('/v1/organisations', {
      body: organisationBody({ webhookUrl: 'https://hooks.acme.example/pact' }),
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      organisationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      apiKey: expect.stringMatching(/^pact_/),
      webhookSecret: expect.stringMatching(/^whsec_/),
      revision: 0,
      position: expect.stringMatching(/^\d+$/),
    });
    expect(response.headers.get('location')).toBe(
      `/v1/organisations/${response.body.organisationId}`,
    );
    const profile = await api.get(`/v1/organisations/${response.body.organisationId}`, {
      key: response.body.apiKey,
    });
    expect(profile.status).toBe(200);
    expect(profile.headers.get('etag')).toBe('"0"');
    expect(profile.body).toMatchObject({
      organisationId: response.body.organisationId,
      name: 'Acme AI GmbH',
      contact: { name: 'Ada Lovelace', email: 'ada@acme.example' },
      webhookUrl: 'https://hooks.acme.example/pact',
      revision: 0,
    });
  });

  it.each([
    ['name', { name: '' }],
    ['country', { country: 'Germany' }],
    ['sector', { sector: 'Z' }],
    ['size', { size: 'huge' }],
    ['roles', { roles: [] }],
    ['roles', { roles: ['provider', 'provider'] }],
    ['roles', { roles: ['regulator'] }],
    ['contact.email', { contact: { name: 'A', email: 'not-an-email' } }],
    ['contact.name', { contact: { email: 'a@b.example' } }],
    ['webhookUrl', { webhookUrl: 'ftp://example.org' }],
    ['webhookUrl', { webhookUrl: 'http://hooks.example.org' }],
    ['webhookUrl', { webhookUrl: 'https://localhost/hook' }],
    ['unknown', { unknown: true }],
    ['name', { name: 42 }],
  ])('refuses a bad %s with 400 naming the field', async (field, change) => {
    const response = await api.post('/v1/organisations', { body: organisationBody(change) });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });

  it('says plainly what is wrong with each field: left out, of the wrong type, repeated', async () => {
    const errorsFor = async (change: Record<string, unknown>) =>
      (await api.post('/v1/organisations', { body: organisationBody(change) })).body.errors;
    expect(await errorsFor({ name: undefined })).toEqual([
      { field: 'name', message: 'name is required' },
    ]);
    expect(await errorsFor({ roles: 'provider' })).toEqual([
      { field: 'roles', message: 'roles must be an array' },
    ]);
    expect(await errorsFor({ roles: ['provider', 'provider'] })).toEqual([
      { field: 'roles', message: 'roles must not name a role twice' },
    ]);
  });

  it('shows the profile to its participants, reviewers and admins only', async () => {
    const acme = await api.registerOrganisation();
    const other = await api.registerOrganisation({ name: 'Other' });
    const reviewer = await api.issueKey('reviewer');
    const analyst = await api.issueKey('analyst');
    const path = `/v1/organisations/${acme.organisationId}`;
    expect((await api.get(path, { key: reviewer })).status).toBe(200);
    expect((await api.get(path, { key: ADMIN_KEY })).status).toBe(200);
    expectProblem(await api.get(path, { key: other.apiKey }), 404);
    expectProblem(await api.get(path, { key: analyst }), 403);
    expectProblem(await api.get(path), 401);
    expectProblem(
      await api.get('/v1/organisations/00000000-0000-0000-0000-000000000000', { key: reviewer }),
      404,
    );
  });

  it('records only the changed fields and honours If-Match', async () => {
    const acme = await api.registerOrganisation();
    const path = `/v1/organisations/${acme.organisationId}`;
    const changed = await api.request('PATCH', path, {
      key: acme.apiKey,
      body: { size: 'large' },
      headers: { 'if-match': '"0"' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ revision: 1, position: expect.any(String) });
    expectProblem(
      await api.request('PATCH', path, {
        key: acme.apiKey,
        body: { size: 'small' },
        headers: { 'if-match': '"0"' },
      }),
      412,
    );
    // Asking again for what is already so (a retry whose answer was lost) records nothing and
    // answers as the change did; a body that names no field is refused.
    const again = await api.request('PATCH', path, { key: acme.apiKey, body: { size: 'large' } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ revision: 1, position: changed.body.position });
    expectProblem(await api.request('PATCH', path, { key: acme.apiKey, body: {} }), 400);
    expect((await api.get(path, { key: acme.apiKey })).body).toMatchObject({
      size: 'large',
      revision: 1,
    });
  });

  it('keeps a role while its live pledge holds commitments of that role (409), and lets it go once the pledge is withdrawn', async () => {
    const acme = await api.registerOrganisation({ roles: ['provider', 'deployer'] });
    const path = `/v1/organisations/${acme.organisationId}`;
    const signed = await api.post('/v1/pledges', {
      key: acme.apiKey,
      body: pledgeBody([...CORE_CODES, 'provider-risk-identification']),
    });
    expect(signed.status).toBe(201);
    const refused = await api.request('PATCH', path, {
      key: acme.apiKey,
      body: { roles: ['deployer'] },
    });
    expectProblem(refused, 409);
    expect(refused.body.detail).toBe(
      "The organisation's pledge holds provider commitments, so it stays a provider",
    );
    // A role the pledge holds nothing of may go.
    const dropped = await api.request('PATCH', path, {
      key: acme.apiKey,
      body: { roles: ['provider'] },
    });
    expect(dropped.status).toBe(200);
    expect((await api.get(path, { key: acme.apiKey })).body).toMatchObject({
      roles: ['provider'],
      revision: 1,
    });
    const withdrawn = await api.post(`/v1/pledges/${signed.body.pledgeId}/withdraw`, {
      key: acme.apiKey,
      body: { reason: 'Restructuring' },
    });
    expect(withdrawn.status).toBe(200);
    const changed = await api.request('PATCH', path, {
      key: acme.apiKey,
      body: { roles: ['deployer'] },
    });
    expect(changed.status).toBe(200);
  });

  it('refuses to remove a field with null, and records nothing (a null name was a 500, a null contact was stored)', async () => {
    const acme = await api.registerOrganisation({ webhookUrl: 'https://hooks.acme.example/pact' });
    const path = `/v1/organisations/${acme.organisationId}`;
    for (const field of ['name', 'roles', 'contact']) {
      const refused = await api.request('PATCH', path, {
        key: acme.apiKey,
        body: { size: 'large', [field]: null },
      });
      expectProblem(refused, 400);
      expect(refused.body.errors).toEqual([{ field, message: `${field} cannot be removed` }]);
    }
    const profile = (await api.get(path, { key: acme.apiKey })).body;
    expect(profile).toMatchObject({
      revision: 0,
      size: 'medium',
      contact: { name: 'Ada Lovelace' },
    });
    // The webhook alone may be removed: prompts then go to the inbox only.
    const removed = await api.request('PATCH', path, {
      key: acme.apiKey,
      body: { webhookUrl: null },
    });
    expect(removed.status).toBe(200);
    const withoutWebhook = (await api.get(path, { key: acme.apiKey })).body;
    expect(withoutWebhook).toMatchObject({ revision: 1, name: profile.name });
    expect(withoutWebhook).not.toHaveProperty('webhookUrl');
    // Removing the webhook again changes nothing and records nothing.
    const removedAgain = await api.request('PATCH', path, {
      key: acme.apiKey,
      body: { webhookUrl: null },
    });
    expect(removedAgain.body).toEqual({ revision: 1, position: removed.body.position });
    const again = await api.request('PATCH', path, {
      key: acme.apiKey,
      body: { webhookUrl: 'https://hooks.acme.example/again' },
    });
    expect(again.status).toBe(200);
    expect((await api.get(path, { key: acme.apiKey })).body.webhookUrl).toBe(
      'https://hooks.acme.example/again',
    );
    // The read models took the removal in their stride.
    await api.get(`/v1/registry/pledges?minPosition=${again.body.position}`);
    expect((await api.get('/health')).body.details.projections.registry.deadLetters).toBe(0);
    // A new resource's optional field sent as null is taken as left out.
    const reviewerKey = await api.post('/v1/api-keys', {
      key: ADMIN_KEY,
      body: { role: 'reviewer', label: 'Null organisation', organisationId: null, expiresAt: null },
    });
    expect(reviewerKey.status).toBe(201);
    expect(reviewerKey.body).toMatchObject({ role: 'reviewer', organisationId: null });
  });
});

describe('required nested objects', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it('answers 400, not 500, when a required object is missing (found by the hostile-input fuzzer)', async () => {
    const { contact: _contact, ...withoutContact } = organisationBody();
    const organisation = await api.post('/v1/organisations', { body: withoutContact });
    expectProblem(organisation, 400);
    expect(organisation.body.errors).toContainEqual(expect.objectContaining({ field: 'contact' }));
    const acme = await api.registerOrganisation();
    const { signatory: _signatory, ...withoutSignatory } = pledgeBody();
    const pledge = await api.post('/v1/pledges', { key: acme.apiKey, body: withoutSignatory });
    expectProblem(pledge, 400);
    expect(pledge.body.errors).toContainEqual(expect.objectContaining({ field: 'signatory' }));
  });
});

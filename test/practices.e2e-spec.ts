import { expectProblem, TestApp } from './support/test-app';

const practice = (overrides: Record<string, unknown> = {}) => ({
  title: 'Model cards for every release',
  summary: 'Each model release ships with a model card reviewed by legal.',
  body: '## Template\nWe use a two-page template.',
  category: 'transparency',
  implementationLevel: 'fully-implemented',
  tags: ['documentation', 'release'],
  publicationConsent: true,
  ...overrides,
});

describe('practices over HTTP', () => {
  let api: TestApp;
  let reviewer: string;
  beforeAll(async () => {
    api = await TestApp.start();
    reviewer = await api.issueKey('reviewer');
  });
  afterAll(() => api.stop());

  it('shares a practice, and a reviewer publishes it for everyone', async () => {
    const acme = await api.registerOrganisation();
    const shared = await api.post('/v1/practices', { key: acme.apiKey, body: practice() });
    expect(shared.status).toBe(201);
    expect(shared.body).toEqual({
      practiceId: expect.any(String),
      revision: 0,
      position: expect.any(String),
    });
    const path = `/v1/practices/${shared.body.practiceId}`;
    expectProblem(await api.get(path), 404);
    expect((await api.get(path, { key: acme.apiKey })).body).toMatchObject({
      status: 'submitted',
      title: 'Model cards for every release',
    });
    const published = await api.post(`${path}/publish`, { key: reviewer });
    expect(published.status).toBe(200);
    expect(published.body).toEqual({ revision: 1, position: expect.any(String) });
    expectProblem(await api.post(`${path}/publish`, { key: reviewer }), 409);
    expect((await api.get(path)).body).toMatchObject({
      status: 'published',
      organisationId: acme.organisationId,
    });
  });

  it('refuses publication without the owner consent', async () => {
    const acme = await api.registerOrganisation();
    const { practiceId } = (
      await api.post('/v1/practices', {
        key: acme.apiKey,
        body: practice({ publicationConsent: false }),
      })
    ).body;
    expectProblem(await api.post(`/v1/practices/${practiceId}/publish`, { key: reviewer }), 409);
    const revised = await api.request('PATCH', `/v1/practices/${practiceId}`, {
      key: acme.apiKey,
      body: { publicationConsent: true },
    });
    expect(revised.status).toBe(200);
    // The same revision again (a retry whose answer was lost) records nothing and answers alike;
    // a body that names no field is refused.
    const again = await api.request('PATCH', `/v1/practices/${practiceId}`, {
      key: acme.apiKey,
      body: { publicationConsent: true },
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(revised.body);
    expectProblem(
      await api.request('PATCH', `/v1/practices/${practiceId}`, { key: acme.apiKey, body: {} }),
      400,
    );
    expect((await api.post(`/v1/practices/${practiceId}/publish`, { key: reviewer })).status).toBe(
      200,
    );
  });

  it('refuses to remove a field of a practice with null (each was stored as null)', async () => {
    const acme = await api.registerOrganisation();
    const { practiceId } = (await api.post('/v1/practices', { key: acme.apiKey, body: practice() }))
      .body;
    const path = `/v1/practices/${practiceId}`;
    for (const field of ['title', 'summary', 'body', 'category', 'tags', 'publicationConsent']) {
      const refused = await api.request('PATCH', path, {
        key: acme.apiKey,
        body: { [field]: null },
      });
      expectProblem(refused, 400);
      expect(refused.body.errors).toEqual([{ field, message: `${field} cannot be removed` }]);
    }
    expect((await api.get(path, { key: acme.apiKey })).body).toMatchObject({
      revision: 0,
      title: practice().title,
    });
  });

  it('rejects with a reason and lets the owner withdraw', async () => {
    const acme = await api.registerOrganisation();
    const { practiceId } = (await api.post('/v1/practices', { key: acme.apiKey, body: practice() }))
      .body;
    const path = `/v1/practices/${practiceId}`;
    expectProblem(await api.post(`${path}/reject`, { key: reviewer, body: {} }), 400);
    expect(
      (
        await api.post(`${path}/reject`, {
          key: reviewer,
          body: { reason: 'Too vague to help others' },
        })
      ).status,
    ).toBe(200);
    expect((await api.get(path, { key: acme.apiKey })).body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Too vague to help others',
    });
    expectProblem(await api.post(`${path}/withdraw`, { key: reviewer }), 403);
    const other = await api.registerOrganisation({ name: 'Other' });
    expectProblem(await api.post(`${path}/withdraw`, { key: other.apiKey }), 404);
    expect((await api.post(`${path}/withdraw`, { key: acme.apiKey })).status).toBe(200);
    expectProblem(await api.post(`${path}/withdraw`, { key: acme.apiKey }), 409);
    expectProblem(await api.post(`${path}/publish`, { key: reviewer }), 409);
  });

  it('validates the practice', async () => {
    const acme = await api.registerOrganisation();
    for (const change of [
      { title: '' },
      { implementationLevel: 'someday' },
      { publicationConsent: 'yes' },
      { tags: 'one' },
      { body: 'x'.repeat(100_001) },
      { extra: 1 },
    ]) {
      expectProblem(
        await api.post('/v1/practices', { key: acme.apiKey, body: practice(change) }),
        400,
      );
    }
    expectProblem(await api.post('/v1/practices', { key: reviewer, body: practice() }), 403);
    expectProblem(await api.post('/v1/practices', { body: practice() }), 401);
  });

  it('lists published practices for anyone and every practice not withdrawn for key holders, with search', async () => {
    const acme = await api.registerOrganisation({ name: 'Lister' });
    const share = async (body: Record<string, unknown>) =>
      (await api.post('/v1/practices', { key: acme.apiKey, body: practice(body) })).body;
    const published = await share({
      title: 'Red-teaming playbook',
      tags: ['security'],
      category: 'safety',
    });
    await api.post(`/v1/practices/${published.practiceId}/publish`, { key: reviewer });
    await share({
      title: 'Bias audit checklist',
      summary: 'Quarterly audits',
      implementationLevel: 'planned',
      category: 'fairness',
    });
    const gone = await share({ title: 'Old approach', category: 'fairness' });
    const last = await api.post(`/v1/practices/${gone.practiceId}/withdraw`, { key: acme.apiKey });
    const at = `minPosition=${last.body.position}&organisationId=${acme.organisationId}`;
    const titles = (response: { body: { items: { title: string }[] } }) =>
      response.body.items.map((i) => i.title).sort();

    expect(titles(await api.get(`/v1/practices?${at}`))).toEqual(['Red-teaming playbook']);
    expect(titles(await api.get(`/v1/practices?${at}`, { key: reviewer }))).toEqual([
      'Bias audit checklist',
      'Red-teaming playbook',
    ]);
    expect(titles(await api.get(`/v1/practices?${at}&q=SECURITY`, { key: acme.apiKey }))).toEqual([
      'Red-teaming playbook',
    ]);
    expect(titles(await api.get(`/v1/practices?${at}&q=quarterly`, { key: acme.apiKey }))).toEqual([
      'Bias audit checklist',
    ]);
    // The sharer's name is searched too; the public still sees only what is published.
    expect(titles(await api.get(`/v1/practices?${at}&q=LISTER`, { key: reviewer }))).toEqual([
      'Bias audit checklist',
      'Red-teaming playbook',
    ]);
    expect(titles(await api.get(`/v1/practices?${at}&q=lister`))).toEqual(['Red-teaming playbook']);
    expect(
      titles(await api.get(`/v1/practices?${at}&category=fairness`, { key: acme.apiKey })),
    ).toEqual(['Bias audit checklist']);
    expect(
      titles(
        await api.get(`/v1/practices?${at}&implementationLevel=planned`, { key: acme.apiKey }),
      ),
    ).toEqual(['Bias audit checklist']);
    const upper = `minPosition=${last.body.position}&organisationId=${acme.organisationId.toUpperCase()}`;
    expect(titles(await api.get(`/v1/practices?${upper}`, { key: reviewer }))).toEqual([
      'Bias audit checklist',
      'Red-teaming playbook',
    ]);
    const listed = await api.get(`/v1/practices?${at}`, { key: reviewer });
    expect(listed.body).toMatchObject({ total: 2, nextCursor: null });
    const csv = await api.get(`/v1/practices?${at}`, { headers: { accept: 'text/csv' } });
    expect(csv.text.split('\r\n')[0]).toBe(
      'practiceId,organisationId,organisationName,title,summary,category,implementationLevel,tags,language,status,sharedAt,publishedAt',
    );
    expectProblem(await api.get('/v1/practices?implementationLevel=someday'), 400);
    const notAnId = await api.get('/v1/practices?organisationId=acme');
    expectProblem(notAnId, 400);
    expect(notAnId.body.errors).toEqual([
      { field: 'organisationId', message: 'must be an organisation id (a UUID)' },
    ]);
  });

  it('names the organisation that shared a practice, as it is named now, in the API and on the pages', async () => {
    const acme = await api.registerOrganisation({ name: 'Sharing Org' });
    const { practiceId } = (
      await api.post('/v1/practices', { key: acme.apiKey, body: practice({ title: 'Named' }) })
    ).body;
    const published = await api.post(`/v1/practices/${practiceId}/publish`, { key: reviewer });
    const at = `minPosition=${published.body.position}&organisationId=${acme.organisationId}`;
    expect((await api.get(`/v1/practices/${practiceId}`)).body).toMatchObject({
      practiceId,
      organisationId: acme.organisationId,
      organisationName: 'Sharing Org',
    });
    expect((await api.get(`/v1/practices?${at}`)).body.items).toEqual([
      expect.objectContaining({ practiceId, organisationName: 'Sharing Org' }),
    ]);
    const csv = await api.get(`/v1/practices?${at}`, { headers: { accept: 'text/csv' } });
    expect(csv.text.split('\r\n')[1]).toContain(
      `${practiceId},${acme.organisationId},Sharing Org,`,
    );
    expect((await api.get(`/practices/${practiceId}`)).text).toMatch(
      /<dt>Shared by<\/dt>\s*<dd>Sharing Org<\/dd>/,
    );
    expect((await api.get(`/practices/${practiceId}?lang=fr`)).text).toMatch(
      /<dt>Partagée par<\/dt>\s*<dd>Sharing Org<\/dd>/,
    );
    expect((await api.get(`/practices?${at}`)).text).toContain('Shared by Sharing Org');

    const renamed = await api.request('PATCH', `/v1/organisations/${acme.organisationId}`, {
      key: acme.apiKey,
      body: { name: 'Renamed Org' },
    });
    expect(renamed.status).toBe(200);
    const now = `minPosition=${renamed.body.position}&organisationId=${acme.organisationId}`;
    expect((await api.get(`/v1/practices?${now}`)).body.items[0].organisationName).toBe(
      'Renamed Org',
    );
    expect((await api.get(`/v1/practices/${practiceId}`)).body.organisationName).toBe(
      'Renamed Org',
    );
    expect((await api.get(`/practices/${practiceId}`)).text).toContain('<dd>Renamed Org</dd>');
  });
});

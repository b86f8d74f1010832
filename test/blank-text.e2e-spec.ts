import {
  ADMIN_KEY,
  expectProblem,
  organisationBody,
  pledgeBody,
  TestApp,
} from './support/test-app';

/**
 * Text a field requires holds something besides white space: a reason, a summary, a name or a
 * comment of spaces and line breaks is refused field by field, and nothing is written.
 */
describe('text that is only white space', () => {
  let api: TestApp;
  let reviewer: string;
  let acme: { organisationId: string; apiKey: string; pledgeId: string };
  let milestoneId: string;
  let practiceId: string;
  beforeAll(async () => {
    api = await TestApp.start();
    reviewer = await api.issueKey('reviewer');
    acme = await api.signedPledge();
    const reported = await api.post(`/v1/pledges/${acme.pledgeId}/milestones`, {
      key: acme.apiKey,
      body: { commitmentCode: 'ai-literacy', summary: 'Trained every team' },
    });
    milestoneId = reported.body.milestoneId;
    const shared = await api.post('/v1/practices', { key: acme.apiKey, body: practice() });
    practiceId = shared.body.practiceId;
  });
  afterAll(() => api.stop());

  const practice = (overrides: Record<string, unknown> = {}) => ({
    title: 'Model cards',
    summary: 'A card per model',
    body: 'Each model ships with a card.',
    category: 'transparency',
    implementationLevel: 'planned',
    publicationConsent: true,
    ...overrides,
  });
  const logHead = async (): Promise<string> =>
    (await api.get('/health')).body.info.eventStore.position;
  const blank = ' \n\t ';

  it('is refused in every field that needs text, naming the field, and writes nothing', async () => {
    const before = await logHead();
    const refusals: Array<[string, string, unknown, string]> = [
      [
        '/v1/organisations',
        '',
        organisationBody({ contact: { name: blank, email: 'ada@acme.example' } }),
        'contact.name',
      ],
      ['/v1/api-keys', ADMIN_KEY, { role: 'analyst', label: blank }, 'label'],
      [
        `/v1/pledges/${acme.pledgeId}/milestones`,
        acme.apiKey,
        { commitmentCode: 'ai-literacy', summary: blank },
        'summary',
      ],
      [`/v1/pledges/${acme.pledgeId}/withdraw`, acme.apiKey, { reason: blank }, 'reason'],
      [
        `/v1/pledges/${acme.pledgeId}/milestones/${milestoneId}/review`,
        reviewer,
        { outcome: 'clarification-requested', comment: blank },
        'comment',
      ],
      [
        `/v1/pledges/${acme.pledgeId}/milestones/${milestoneId}/review`,
        reviewer,
        { outcome: 'clarification-requested', comment: '' },
        'comment',
      ],
      ['/v1/practices', acme.apiKey, practice({ title: blank }), 'title'],
      ['/v1/practices', acme.apiKey, practice({ summary: blank }), 'summary'],
      ['/v1/practices', acme.apiKey, practice({ body: blank }), 'body'],
      ['/v1/practices', acme.apiKey, practice({ category: blank }), 'category'],
      ['/v1/practices', acme.apiKey, practice({ tags: ['audit', blank] }), 'tags'],
      [`/v1/practices/${practiceId}/reject`, reviewer, { reason: blank }, 'reason'],
    ];
    for (const [path, key, body, field] of refusals) {
      const response = await api.post(path, { ...(key ? { key } : {}), body });
      expectProblem(response, 400);
      expect({ path, errors: response.body.errors }).toEqual({
        path,
        errors: [{ field, message: expect.stringContaining('blank') }],
      });
    }
    expect(await logHead()).toBe(before);

    // A second organisation signs with a blank signatory: refused before its pledge exists.
    const other = await api.registerOrganisation({ name: 'Other AI' });
    const afterRegistration = await logHead();
    const signature = pledgeBody();
    for (const signatory of [
      { ...signature.signatory, name: blank },
      { ...signature.signatory, position: blank },
    ]) {
      const response = await api.post('/v1/pledges', {
        key: other.apiKey,
        body: { ...signature, signatory },
      });
      expectProblem(response, 400);
      expect(response.body.errors[0].field).toMatch(/^signatory\.(name|position)$/);
    }

    expect(await logHead()).toBe(afterRegistration);
    const pledge = await api.get(`/v1/pledges/${acme.pledgeId}`, { key: acme.apiKey });
    expect(pledge.body).toMatchObject({ status: 'signed', revision: 1 });
  });

  it('still takes an acceptance without a comment, and an empty list of tags', async () => {
    const accepted = await api.post(
      `/v1/pledges/${acme.pledgeId}/milestones/${milestoneId}/review`,
      { key: reviewer, body: { outcome: 'accepted', comment: '' } },
    );
    expect(accepted.status).toBe(200);
    const shared = await api.post('/v1/practices', {
      key: acme.apiKey,
      body: practice({ tags: [] }),
    });
    expect(shared.status).toBe(201);
  });

  it('refuses a report that updates one action twice', async () => {
    const pledge = await api.get(`/v1/pledges/${acme.pledgeId}`, { key: acme.apiKey });
    const literacy = pledge.body.commitments.find(
      (c: { code: string }) => c.code === 'ai-literacy',
    );
    const actionId = literacy.actions[0].actionId;
    const response = await api.post(`/v1/pledges/${acme.pledgeId}/milestones`, {
      key: acme.apiKey,
      body: {
        commitmentCode: 'ai-literacy',
        summary: 'Done, then underway again',
        actionUpdates: [
          { actionId, status: 'done' },
          { actionId, status: 'underway' },
        ],
      },
    });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([
      { field: 'actionUpdates', message: 'each action may be updated once in a report' },
    ]);
    const after = await api.get(`/v1/pledges/${acme.pledgeId}`, { key: acme.apiKey });
    expect(after.body.revision).toBe(pledge.body.revision);
  });
});

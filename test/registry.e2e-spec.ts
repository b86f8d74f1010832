import { CORE_CODES, expectProblem, pledgeBody, TestApp, TestClock } from './support/test-app';

describe('registry and analytics over HTTP', () => {
  const clock = new TestClock(new Date('2025-02-10T12:00:00.000Z'));
  let api: TestApp;
  let reviewer: string;
  let analyst: string;
  let last = '0';
  const pledges: Record<string, { organisationId: string; apiKey: string; pledgeId: string }> = {};

  const track = <T extends { body: any }>(response: T): T => {
    if (response.body.position && BigInt(response.body.position) > BigInt(last))
      last = response.body.position;
    return response;
  };

  beforeAll(async () => {
    api = await TestApp.start({}, clock);
    reviewer = await api.issueKey('reviewer');
    analyst = await api.issueKey('analyst');
    const make = async (
      key: string,
      org: Record<string, unknown>,
      codes: string[],
      signedAt: string,
    ) => {
      clock.set(signedAt);
      const organisation = await api.registerOrganisation(org);
      const signed = track(
        await api.post('/v1/pledges', { key: organisation.apiKey, body: pledgeBody(codes) }),
      );
      pledges[key] = { ...organisation, pledgeId: signed.body.pledgeId };
    };
    await make(
      'acme',
      {
        name: 'Acme AI',
        country: 'DE',
        sector: 'J',
        size: 'large',
        roles: ['provider', 'deployer'],
        contact: { name: 'Ada Secret', email: 'ada@acme.example' },
      },
      [...CORE_CODES, 'provider-logging'],
      '2024-09-25T10:00:00.000Z',
    );
    await make(
      'beta',
      { name: 'Beta Bank', country: 'FR', sector: 'K', size: 'medium', roles: ['deployer'] },
      [...CORE_CODES, 'deployer-worker-information'],
      '2024-10-05T10:00:00.000Z',
    );
    await make(
      'gamma',
      { name: 'Gamma Health', country: 'DE', sector: 'Q', size: 'small', roles: ['provider'] },
      CORE_CODES,
      '2025-01-20T10:00:00.000Z',
    );
    await make(
      'delta',
      { name: 'Delta Data', country: 'IT', sector: 'J', size: 'micro', roles: ['provider'] },
      CORE_CODES,
      '2025-01-21T10:00:00.000Z',
    );
    clock.set('2025-02-01T00:00:00.000Z');
    for (const key of ['acme', 'beta', 'gamma'])
      track(
        await api.post(`/v1/pledges/${pledges[key]!.pledgeId}/publish`, {
          key: reviewer,
          body: {},
        }),
      );
    const milestone = track(
      await api.post(`/v1/pledges/${pledges['acme']!.pledgeId}/milestones`, {
        key: pledges['acme']!.apiKey,
        body: { commitmentCode: 'ai-literacy', summary: 'Trained everyone' },
      }),
    );
    track(
      await api.post(
        `/v1/pledges/${pledges['acme']!.pledgeId}/milestones/${milestone.body.milestoneId}/review`,
        { key: reviewer, body: { outcome: 'accepted', comment: 'Good' } },
      ),
    );
    track(
      await api.post(`/v1/pledges/${pledges['acme']!.pledgeId}/milestones`, {
        key: pledges['acme']!.apiKey,
        body: { commitmentCode: 'high-risk-mapping', summary: 'Mapped' },
      }),
    );
    clock.set('2025-03-15T00:00:00.000Z');
    track(
      await api.post(`/v1/pledges/${pledges['delta']!.pledgeId}/withdraw`, {
        key: pledges['delta']!.apiKey,
        body: { reason: 'Closed' },
      }),
    );
    clock.set('2025-09-01T00:00:00.000Z');
  });
  afterAll(() => api.stop());

  const registry = async (query: string, key?: string) => {
    const response = await api.get(
      `/v1/registry/pledges?minPosition=${last}${query ? `&${query}` : ''}`,
      key ? { key } : {},
    );
    expect(response.status).toBe(200);
    return response.body as {
      items: { organisationName: string; [k: string]: unknown }[];
      total: number;
      nextCursor: string | null;
    };
  };
  const names = (page: { items: { organisationName: string }[] }) =>
    page.items.map((i) => i.organisationName);

  it('shows the public published pledges only, without contact data', async () => {
    const response = await api.get(`/v1/registry/pledges?minPosition=${last}`);
    expect(response.body.total).toBe(3);
    expect(names(response.body)).toEqual(['Gamma Health', 'Beta Bank', 'Acme AI']);
    expect(response.text).not.toContain('Ada Secret');
    expect(response.text).not.toContain('acme.example');
    expect(response.body.items[2]).toEqual({
      pledgeId: pledges['acme']!.pledgeId,
      organisationId: pledges['acme']!.organisationId,
      organisationName: 'Acme AI',
      country: 'DE',
      sector: 'J',
      size: 'large',
      roles: ['provider', 'deployer'],
      status: 'published',
      signedAt: '2024-09-25T10:00:00.000Z',
      publishedAt: '2025-02-01T00:00:00.000Z',
      commitments: [...CORE_CODES, 'provider-logging'],
      reportingStatus: 'due-soon',
      nextDueAt: '2025-09-25T10:00:00.000Z',
      lastReportedAt: '2025-02-01T00:00:00.000Z',
    });
  });

  it('shows analysts and reviewers every pledge, withdrawn included', async () => {
    expect((await registry('', analyst)).total).toBe(4);
    const withdrawn = await registry('status=withdrawn', reviewer);
    expect(withdrawn.items.map((i) => i.organisationName)).toEqual(['Delta Data']);
    // Withdrawal cancels every prompt to come: nothing is due any more.
    expect(withdrawn.items[0]).toMatchObject({ reportingStatus: 'withdrawn', nextDueAt: null });
    expect((await registry('status=signed', analyst)).total).toBe(0);
    expect((await registry('status=signed')).total).toBe(0);
  });

  it.each([
    ['country=DE', ['Gamma Health', 'Acme AI']],
    ['country=de', ['Gamma Health', 'Acme AI']],
    ['sector=K', ['Beta Bank']],
    ['size=small', ['Gamma Health']],
    ['role=deployer', ['Beta Bank', 'Acme AI']],
    ['commitment=provider-logging', ['Acme AI']],
    ['q=bank', ['Beta Bank']],
    ['q=.*', []],
    ['signedFrom=2024-10-01', ['Gamma Health', 'Beta Bank']],
    ['signedTo=2024-10-05', ['Beta Bank', 'Acme AI']],
    ['signedFrom=2024-10-01T00:00:00Z&signedTo=2024-12-31', ['Beta Bank']],
    ['signedFrom=2024-10-01T02:00:00%2B02:00&signedTo=2024-12-31', ['Beta Bank']],
    ['reportingStatus=due-soon', ['Acme AI']],
    ['reportingStatus=on-track', ['Gamma Health', 'Beta Bank']],
    ['sort=name', ['Acme AI', 'Beta Bank', 'Gamma Health']],
    ['sort=-name', ['Gamma Health', 'Beta Bank', 'Acme AI']],
    ['sort=signedAt', ['Acme AI', 'Beta Bank', 'Gamma Health']],
  ])('filters and sorts: %s', async (query, expected) => {
    expect(names(await registry(query))).toEqual(expected);
  });

  it('computes reporting status from the clock', async () => {
    clock.set('2025-10-01T00:00:00.000Z');
    const page = await registry('sort=signedAt', analyst);
    expect(page.items.map((i) => [i.organisationName, i.reportingStatus])).toEqual([
      ['Acme AI', 'overdue'],
      ['Beta Bank', 'due-soon'],
      ['Gamma Health', 'on-track'],
      ['Delta Data', 'withdrawn'],
    ]);
    clock.set('2025-11-01T00:00:00.000Z');
    expect(
      (await registry('reportingStatus=non-reporting', analyst)).items.map(
        (i) => i.organisationName,
      ),
    ).toEqual(['Acme AI']);
    clock.set('2025-09-01T00:00:00.000Z');
  });

  it('pages with a cursor and a total', async () => {
    const first = await registry('limit=2&sort=name', analyst);
    expect(names(first)).toEqual(['Acme AI', 'Beta Bank']);
    expect(first.total).toBe(4);
    const second = await registry(`limit=2&sort=name&cursor=${first.nextCursor}`, analyst);
    expect(names(second)).toEqual(['Delta Data', 'Gamma Health']);
    expect(second.nextCursor).toBeNull();
    // A cursor holds its place in one order of one list: in another it would select nonsense.
    for (const elsewhere of [
      `/v1/registry/pledges?limit=2&sort=signedAt&cursor=${first.nextCursor}`,
      `/v1/registry/pledges?limit=2&cursor=${first.nextCursor}`,
      `/v1/practices?limit=2&cursor=${first.nextCursor}`,
      `/v1/review-queue?limit=2&cursor=${first.nextCursor}`,
    ]) {
      const refused = await api.get(elsewhere, { key: reviewer });
      expectProblem(refused, 400);
      expect(refused.body.errors).toEqual([
        { field: 'cursor', message: 'was given for another list or sort order' },
      ]);
    }
  });

  it('exports CSV with a header row', async () => {
    const response = await api.get(`/v1/registry/pledges?minPosition=${last}&sort=name`, {
      headers: { accept: 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'pledgeId,organisationId,organisationName,country,sector,size,roles,status,signedAt,publishedAt,commitments,reportingStatus,nextDueAt,lastReportedAt',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('Acme AI,DE,J,large,provider;deployer,published');
  });

  it('answers the type the client prefers by its Accept qualities', async () => {
    const typeFor = async (accept: string) =>
      (await api.get('/v1/registry/pledges', { headers: { accept } })).headers.get('content-type');
    expect(await typeFor('text/csv, */*;q=0.1')).toContain('text/csv');
    expect(await typeFor('text/csv;q=0.9, application/json;q=0.5')).toContain('text/csv');
    expect(await typeFor('application/json, text/csv;q=0.5')).toContain('application/json');
    expect(await typeFor('text/csv;q=0')).toContain('application/json');
  });

  it('refuses bad query parameters', async () => {
    for (const query of [
      'limit=0',
      'limit=501',
      'limit=ten',
      'sort=size',
      'country=Germany',
      'reportingStatus=late',
      'signedFrom=yesterday',
      'signedFrom=2024-02-30',
      'signedTo=2024-10-01T24:00:00Z',
      'cursor=abc',
      'colour=red',
      'minPosition=-1',
      'country=DE&country=FR',
    ]) {
      expectProblem(await api.get(`/v1/registry/pledges?${query}`), 400);
    }
    // Shaped like a code but naming nothing a pledge could hold: refused, not an empty page.
    const unknown = await api.get('/v1/registry/pledges?country=ZZ&commitment=provider-magic');
    expectProblem(unknown, 400);
    expect(unknown.body.errors).toEqual([
      { field: 'country', message: 'must be an ISO 3166-1 alpha-2 code' },
      { field: 'commitment', message: 'must be a commitment code of the catalogue' },
    ]);
    // A range that ends before it starts is a mistake, not an empty page; equal dates are one day.
    const inverted = await api.get(
      '/v1/registry/pledges?signedFrom=2024-10-02&signedTo=2024-10-01',
    );
    expectProblem(inverted, 400);
    expect(inverted.body.errors).toEqual([
      { field: 'signedTo', message: 'must not be before signedFrom' },
    ]);
    expect(
      (await api.get('/v1/registry/pledges?signedFrom=2024-10-01&signedTo=2024-10-01')).status,
    ).toBe(200);
  });

  it('answers 503 with Retry-After when the read models do not reach minPosition in 5 s', async () => {
    const response = await api.get('/v1/registry/pledges?minPosition=999999');
    expectProblem(response, 503);
    expect(response.headers.get('retry-after')).toBe('1');
  }, 15000);

  it('summarises uptake, reporting and milestones for analysts', async () => {
    const response = await api.get(`/v1/analytics/summary?minPosition=${last}`, { key: analyst });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      organisations: 4,
      pledges: { signed: 4, published: 3, withdrawn: 1 },
      commitments: [
        { code: 'ai-governance-strategy', pledges: 3 },
        { code: 'ai-literacy', pledges: 3 },
        { code: 'deployer-worker-information', pledges: 1 },
        { code: 'high-risk-mapping', pledges: 3 },
        { code: 'provider-logging', pledges: 1 },
      ],
      byCountry: { DE: 2, FR: 1 },
      bySector: { J: 1, K: 1, Q: 1 },
      bySize: { large: 1, medium: 1, small: 1 },
      byRole: { deployer: 2, provider: 2 },
      reporting: { onTrack: 2, dueSoon: 1, overdue: 0, nonReporting: 0 },
      milestones: { reported: 2, accepted: 1, clarificationRequested: 0 },
    });
    expectProblem(await api.get('/v1/analytics/summary'), 401);
    expectProblem(await api.get('/v1/analytics/summary', { key: pledges['acme']!.apiKey }), 403);
  });

  it('exports the summary as CSV, a figure a row', async () => {
    const response = await api.get('/v1/analytics/summary', {
      key: analyst,
      headers: { accept: 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe('figure,key,value');
    expect(lines).toEqual(
      expect.arrayContaining([
        'organisations,all,4',
        'pledges,signed,4',
        'pledges,withdrawn,1',
        'milestones,accepted,1',
        'reporting,dueSoon,1',
        'commitment,provider-logging,1',
        'country,DE,2',
        'sector,Q,1',
        'size,large,1',
        'role,deployer,2',
      ]),
    );
    // Every figure of the JSON answer is a row: 1 + 3 + 3 + 4 + 5 + 2 + 3 + 3 + 2.
    expect(lines).toHaveLength(1 + 26);
    const json = await api.get('/v1/analytics/summary', { key: analyst });
    expect(json.headers.get('content-type')).toContain('application/json');
  });

  it('counts signatures and withdrawals per month', async () => {
    const response = await api.get(`/v1/analytics/signatures?interval=month&minPosition=${last}`, {
      key: analyst,
    });
    expect(response.body).toEqual([
      { period: '2024-09', signed: 1, withdrawn: 0 },
      { period: '2024-10', signed: 1, withdrawn: 0 },
      { period: '2024-11', signed: 0, withdrawn: 0 },
      { period: '2024-12', signed: 0, withdrawn: 0 },
      { period: '2025-01', signed: 2, withdrawn: 0 },
      { period: '2025-02', signed: 0, withdrawn: 0 },
      { period: '2025-03', signed: 0, withdrawn: 1 },
    ]);
    expect(
      (await api.get('/v1/analytics/signatures?interval=year', { key: analyst })).body,
    ).toEqual([
      { period: '2024', signed: 2, withdrawn: 0 },
      { period: '2025', signed: 2, withdrawn: 1 },
    ]);
    expectProblem(
      await api.get('/v1/analytics/signatures?interval=fortnight', { key: analyst }),
      400,
    );
  });

  it('lists the milestone review queue for reviewers', async () => {
    const pending = await api.get(`/v1/review-queue?minPosition=${last}`, { key: reviewer });
    expect(pending.body.items.map((i: { commitmentCode: string }) => i.commitmentCode)).toEqual([
      'high-risk-mapping',
    ]);
    expect((await api.get('/v1/review-queue?status=all', { key: reviewer })).body.total).toBe(2);
    expectProblem(await api.get('/v1/review-queue', { key: analyst }), 403);
  });

  it('reflects organisation changes in the registry', async () => {
    const changed = await api.request(
      'PATCH',
      `/v1/organisations/${pledges['gamma']!.organisationId}`,
      { key: pledges['gamma']!.apiKey, body: { name: 'Gamma Care' } },
    );
    const page = await api.get(`/v1/registry/pledges?minPosition=${changed.body.position}&q=gamma`);
    expect(names(page.body)).toEqual(['Gamma Care']);
  });
});

describe('registry cursors', () => {
  let api: TestApp;
  afterAll(() => api.stop());

  it('keep their place when pledges are signed between pages: no item twice, none skipped', async () => {
    api = await TestApp.start();
    const analyst = await api.issueKey('analyst');
    for (const name of ['Bravo', 'Charlie', 'Delta', 'Echo']) await api.signedPledge({ name });
    const list = async (query: string) => {
      const response = await api.get(`/v1/registry/pledges?sort=name&limit=2&${query}`, {
        key: analyst,
      });
      expect(response.status).toBe(200);
      return response.body as {
        items: { organisationName: string }[];
        nextCursor: string | null;
        total: number;
      };
    };
    const settled = async (total: number) => {
      for (let tries = 0; tries < 100; tries++) {
        if ((await list('')).total === total) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the registry never reached ${total} pledges`);
    };
    await settled(4);
    const first = await list('');
    expect(first.items.map((i) => i.organisationName)).toEqual(['Bravo', 'Charlie']);

    // Two newcomers: one sorts before the page already read, one after it.
    await api.signedPledge({ name: 'Alpha' });
    await api.signedPledge({ name: 'Delphine' });
    await settled(6);
    const second = await list(`cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.organisationName)).toEqual(['Delphine', 'Delta']);
    const third = await list(`cursor=${second.nextCursor}`);
    expect(third.items.map((i) => i.organisationName)).toEqual(['Echo']);
    expect(third.nextCursor).toBeNull();
  });
});

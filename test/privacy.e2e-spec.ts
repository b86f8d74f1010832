import { ADMIN_KEY, CORE_CODES, TestApp } from './support/test-app';

const CONTACT = { name: 'Henrietta Swan Leavitt', email: 'henrietta.leavitt@observatory.example' };

/**
 * Personal data (the contact person) and secrets (keys, webhook secrets) are given to the app; then
 * everything the public and analysts can see, and every log line, is searched for them.
 */
describe('privacy of views, exports and logs', () => {
  let api: TestApp;
  let secrets: string[];

  beforeAll(async () => {
    api = await TestApp.start({}, undefined, { captureLogs: true });
    const acme = await api.registerOrganisation({ contact: CONTACT });
    const pledgeId = await api.signPledge(acme.apiKey);
    const reviewer = await api.issueKey('reviewer');
    await api.post(`/v1/pledges/${pledgeId}/publish`, { key: reviewer });
    for (const code of CORE_CODES) {
      await api.post(`/v1/pledges/${pledgeId}/milestones`, {
        key: acme.apiKey,
        body: { commitmentCode: code, summary: `Progress on ${code}` },
      });
    }
    // A caller that puts personal data and a key where logs could catch them.
    await api.get(`/v1/registry/pledges?q=${encodeURIComponent(CONTACT.email)}`, {
      key: acme.apiKey,
    });
    await api.get('/v1/registry/pledges', { headers: { authorization: `Bearer ${acme.apiKey}x` } });
    secrets = [
      acme.apiKey.split('_').slice(2).join('_'),
      acme.webhookSecret,
      ADMIN_KEY,
      reviewer.split('_').slice(2).join('_'),
    ];
    (api as unknown as { pledgeId: string }).pledgeId = pledgeId;
  });
  afterAll(() => api.stop());

  const personal = [CONTACT.name, CONTACT.email, 'henrietta', 'Leavitt'];
  const expectClean = (text: string) => {
    for (const value of personal) expect(text.toLowerCase()).not.toContain(value.toLowerCase());
  };

  it('keeps contact data out of what anyone and analysts can read, JSON and CSV alike', async () => {
    const analyst = await api.issueKey('analyst');
    const pledgeId = (api as unknown as { pledgeId: string }).pledgeId;
    const views = [
      ['/v1/registry/pledges', undefined],
      ['/v1/practices', undefined],
      [`/v1/pledges/${pledgeId}`, undefined],
      ['/v1/registry/pledges', analyst],
      ['/v1/analytics/summary', analyst],
      ['/v1/analytics/signatures', analyst],
      ['/v1/practices', analyst],
    ] as const;
    for (const [path, key] of views) {
      for (const accept of ['application/json', 'text/csv']) {
        const response = await api.get(path, {
          ...(key ? { key } : {}),
          headers: { accept },
        });
        expect([200, 406]).toContain(response.status);
        expectClean(response.text);
      }
    }
    // The owner does see its own contact: the data is there, just not public.
    const listed = await api.get('/v1/registry/pledges', { key: analyst });
    const organisationId = listed.body.items[0].organisationId as string;
    const own = await api.get(`/v1/organisations/${organisationId}`, { key: ADMIN_KEY });
    expect(own.body.contact).toEqual(CONTACT);
  });

  it('logs one line per request with its correlation id, and no personal data or secret', () => {
    expect(api.logs.length).toBeGreaterThan(5);
    const requests = api.logs.map((line) => JSON.parse(line)).filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThan(5);
    for (const line of requests) expect(line.correlationId).toEqual(expect.any(String));
    const everything = api.logs.join('\n');
    expectClean(everything);
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // The search for an e-mail address is logged by the names of its parameters only.
    expect(requests).toContainEqual(
      expect.objectContaining({ path: '/v1/registry/pledges', query: ['q'] }),
    );
  });
});

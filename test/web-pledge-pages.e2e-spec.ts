import { WebClient } from './support/web-client';
import { TestApp } from './support/test-app';

jest.setTimeout(60_000);

/** What a pledge's pages say of its later life: a review's comment, an added commitment, withdrawal. */
describe('pages: a pledge after its signature', () => {
  let api: TestApp;
  let reviewer: WebClient;
  let pledgeId: string;

  beforeAll(async () => {
    api = await TestApp.start({ KEY_RATE_LIMIT: '0', ANONYMOUS_RATE_LIMIT: '0' });
    const acme = await api.signedPledge({ name: 'Acme Later' });
    pledgeId = acme.pledgeId;
    const reviewerKey = await api.issueKey('reviewer');
    const path = `/v1/pledges/${pledgeId}`;
    const report = await api.post(`${path}/milestones`, {
      key: acme.apiKey,
      body: { commitmentCode: 'ai-literacy', summary: 'Trained the staff' },
    });
    await api.post(`${path}/milestones/${report.body.milestoneId}/review`, {
      key: reviewerKey,
      body: { outcome: 'clarification-requested', comment: 'Which staff?' },
    });
    await api.post(`${path}/commitments`, {
      key: acme.apiKey,
      body: {
        code: 'provider-logging',
        actions: [{ description: 'Log it', status: 'planned', targetDate: '2027-06-30' }],
      },
    });
    await api.post(`${path}/publish`, { key: reviewerKey, body: {} });
    const withdrawn = await api.post(`${path}/withdraw`, {
      key: acme.apiKey,
      body: { reason: 'Merged into another organisation' },
    });
    await api.get(`/v1/registry/pledges?minPosition=${withdrawn.body.position}`);
    reviewer = new WebClient(api.url);
    await reviewer.signIn(reviewerKey);
  });
  afterAll(() => api.stop());

  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();

  it("writes a review's comment after its outcome in each language's punctuation", async () => {
    expect(text((await reviewer.get(`/pledges/${pledgeId}?lang=en`)).html)).toContain(
      'Clarification requested: Which staff?',
    );
    expect(text((await reviewer.get(`/pledges/${pledgeId}?lang=fr`)).html)).toContain(
      'Précisions demandées : Which staff?',
    );
  });

  it('shows no report due for a withdrawn pledge, on its page or in the registry', async () => {
    const page = await reviewer.get(`/pledges/${pledgeId}?lang=en`);
    expect(page.status).toBe(200);
    expect(text(page.html)).toContain('Withdrawn');
    expect(page.html).not.toContain('Next report due');
    const registry = await reviewer.get('/registry?lang=en&status=withdrawn');
    const row = /<tr>\s*<td>\s*<a[^>]*>Acme Later<\/a[\s\S]*?<\/tr>/.exec(registry.html)![0];
    expect(text(row)).toMatch(/Withdrawn —$/);
  });

  it('answers an address no page has with the page-not-found page, and the API its problem', async () => {
    const lost = await reviewer.get('/pledgez?lang=fr');
    expect(lost.status).toBe(404);
    expect(lost.headers.get('content-type')).toContain('text/html');
    // In the visitor's language, with the session's header.
    expect(text(lost.html)).toContain('Page introuvable');
    expect(text(lost.html)).toContain('Se déconnecter');
    const api404 = await reviewer.get('/v1/pledgez');
    expect(api404.status).toBe(404);
    expect(api404.headers.get('content-type')).toContain('application/problem+json');
    const client = await fetch(`${api.url}/pledgez`);
    expect(client.status).toBe(404);
    expect(client.headers.get('content-type')).toContain('application/problem+json');
    expect(await client.json()).toMatchObject({ status: 404, detail: 'Cannot GET /pledgez' });
  });

  it('names the added commitment on the audit timeline', async () => {
    const audit = text((await reviewer.get(`/pledges/${pledgeId}/audit?lang=en`)).html);
    expect(audit).toContain('CommitmentAdded Commitment added: Logging and traceability');
  });

  it('says on the withdrawal form what withdrawal does to who sees the pledge, and does it', async () => {
    const acme = await api.signedPledge({ name: 'Acme Leaving' });
    const reviewerKey = await api.issueKey('reviewer');
    await api.post(`/v1/pledges/${acme.pledgeId}/publish`, { key: reviewerKey, body: {} });
    const participant = new WebClient(api.url);
    await participant.signIn(acme.apiKey);
    expect(text((await participant.get('/workspace?lang=en')).html)).toContain(
      'the pledge is no longer shown to the public (your organisation and the AI Office still see it, marked withdrawn, with its whole history)',
    );
    expect((await new WebClient(api.url).get(`/pledges/${acme.pledgeId}`)).status).toBe(200);
    const withdrawn = await api.post(`/v1/pledges/${acme.pledgeId}/withdraw`, {
      key: acme.apiKey,
      body: { reason: 'Leaving the Pact' },
    });
    expect(withdrawn.status).toBe(200);
    expect((await new WebClient(api.url).get(`/pledges/${acme.pledgeId}`)).status).toBe(404);
    const own = await participant.get(`/pledges/${acme.pledgeId}?lang=en`);
    expect(own.status).toBe(200);
    expect(text(own.html)).toContain('Withdrawn');
    expect((await participant.get(`/pledges/${acme.pledgeId}/audit`)).status).toBe(200);
  });
});

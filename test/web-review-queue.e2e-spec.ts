import { WebClient } from './support/web-client';
import { TestApp } from './support/test-app';

jest.setTimeout(60_000);

describe('pages: a review queue longer than the page shows', () => {
  let api: TestApp;
  beforeAll(
    async () =>
      (api = await TestApp.start({
        KEY_RATE_LIMIT: '0',
        ANONYMOUS_RATE_LIMIT: '0',
        REGISTRATION_RATE_LIMIT: '0',
      })),
  );
  afterAll(() => api.stop());

  it('says how many of the queue it shows when it shows only some of them', async () => {
    const acme = await api.registerOrganisation({ name: 'Prolific Sharer' });
    let last = '0';
    for (let i = 0; i < 101; i++) {
      const shared = await api.post('/v1/practices', {
        key: acme.apiKey,
        body: {
          title: `Practice ${i}`,
          summary: 'A summary',
          body: 'A body',
          category: 'governance',
          implementationLevel: 'planned',
          publicationConsent: true,
        },
      });
      expect(shared.status).toBe(201);
      last = shared.body.position as string;
    }
    await api.get(`/v1/practices?minPosition=${last}`);
    const reviewer = new WebClient(api.url);
    await reviewer.signIn(await api.issueKey('reviewer'));

    const page = await reviewer.get('/review');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Practices awaiting publication (101)');
    expect(page.html.match(/id="practice-[^"]+"/g)).toHaveLength(100);
    // The oldest first, as the other queues: the newest waits for the next page.
    expect(page.html).toContain('>Practice 0</a');
    expect(page.html).toContain('>Practice 99</a');
    expect(page.html).not.toContain('>Practice 100</a');
    expect(page.html).toContain(
      '100 of 101 are shown here; the others follow as these are decided.',
    );
    // The queues that fit show no such line.
    expect(page.html).toContain('No pledge awaits publication.');
    expect(page.html.match(/are shown here/g)).toHaveLength(1);
    expect((await reviewer.get('/review?lang=fr')).html).toContain(
      'Affichage de 100 sur 101 ; la suite apparaît au fil des décisions.',
    );
  });
});

import { WebClient } from './support/web-client';
import { TestApp } from './support/test-app';

jest.setTimeout(60_000);

/** The practices library over HTTP: each practice's language named in the page's, and marked. */
describe('pages: the practices library and a practice', () => {
  let api: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await TestApp.start();
    const sharer = await api.registerOrganisation({ name: 'Polyglot Labs' });
    const reviewer = await api.issueKey('reviewer');
    let position = '0';
    for (const [language, title] of [
      ['de', 'Schulungen für alle Teams'],
      ['it', 'Formazione per tutti'],
    ] as const) {
      const shared = await api.post('/v1/practices', {
        key: sharer.apiKey,
        body: {
          title,
          summary: `${title}: summary`,
          body: `${title}, first paragraph.\n\nSecond paragraph.`,
          category: 'literacy',
          implementationLevel: 'planned',
          language,
          publicationConsent: true,
        },
      });
      expect(shared.status).toBe(201);
      ids[language] = shared.body.practiceId as string;
      const published = await api.post(`/v1/practices/${ids[language]}/publish`, {
        key: reviewer,
        body: {},
      });
      expect(published.status).toBe(200);
      position = published.body.position as string;
    }
    await api.get(`/v1/practices?minPosition=${position}`);
  });
  afterAll(() => api.stop());

  const visit = async (path: string) => {
    const page = await new WebClient(api.url).get(path);
    expect(page.status).toBe(200);
    return page.html;
  };
  const options = (html: string) =>
    [
      .../<select[^>]*id="language"[^>]*>([\s\S]*?)<\/select>/
        .exec(html)![1]!
        .matchAll(/<option\s+value="(\w*)"[^>]*>\s*([^<]*?)\s*<\/option>/g),
    ].map((m) => [m[1], m[2]]);

  it('offers the language filter by name in the page’s language, the codes as values', async () => {
    expect(options(await visit('/practices'))).toEqual([
      ['', 'Any'],
      ['en', 'English'],
      ['fr', 'French'],
      ['de', 'German'],
    ]);
    expect(options(await visit('/practices?lang=fr'))).toEqual([
      ['', 'Tous'],
      ['en', 'anglais'],
      ['fr', 'français'],
      ['de', 'allemand'],
    ]);
    const german = await visit('/practices?language=de&lang=fr');
    expect(german).toContain('Schulungen für alle Teams');
    expect(german).not.toContain('Formazione per tutti');
  });

  it('names each practice’s language and marks its text with it, in the list and on its page', async () => {
    const list = await visit('/practices?lang=fr');
    expect(list).toMatch(/<h2 lang="de">\s*<a[^>]*>Schulungen für alle Teams<\/a>/);
    expect(list).toContain('<p lang="it">Formazione per tutti: summary</p>');
    expect(list).toMatch(/Prévue\s*·\s*allemand/);
    expect(list).toMatch(/Prévue\s*·\s*italien/);

    const page = await visit(`/practices/${ids['de']!}`);
    expect(page).toMatch(/<h1 [^>]*lang="de"[^>]*>Schulungen für alle Teams<\/h1>/);
    expect(page).toMatch(/<dd>German<\/dd>/);
    expect(page).toMatch(/<div lang="de">\s*<p>Schulungen für alle Teams, first paragraph.<\/p>/);
    // The page itself stays in the visitor's language.
    expect(page).toMatch(/<html lang="en"/);
    expect(await visit(`/practices/${ids['it']!}?lang=fr`)).toMatch(/<dd>italien<\/dd>/);
  });
});

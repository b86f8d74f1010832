import { practice } from './support/endpoints';
import { WebClient } from './support/web-client';
import { ADMIN_KEY, TestApp } from './support/test-app';

jest.setTimeout(180_000);

/** Values a form field should never turn into a 5xx: empty, NUL, too long, a look-alike date, markup. */
const HOSTILE = ['', '\u0000', 'x'.repeat(20_000), '2027-W01-1', '<script>alert(1)</script>'];

interface PageForm {
  readonly action: string;
  readonly fields: readonly (readonly [string, string])[];
}

const unescape = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attribute = (attributes: string, name: string) =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1];

/**
 * Every form of a page that posts, with the values a browser would send as rendered: hidden fields as
 * they are, a checkbox or radio button's value, a select's first choice, text a placeholder of its
 * kind where it is empty.
 */
function postForms(html: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const [, attributes = '', inner = ''] of html.matchAll(
    /<form\b([^>]*)>([\s\S]*?)<\/form>/g,
  )) {
    if (attribute(attributes, 'method')?.toLowerCase() !== 'post') continue;
    const fields: [string, string][] = [];
    for (const [, input = ''] of inner.matchAll(/<input\b([^>]*)>/g)) {
      const name = attribute(input, 'name');
      if (!name) continue;
      const type = attribute(input, 'type') ?? 'text';
      const value = unescape(attribute(input, 'value') ?? '');
      const blank = {
        date: '2027-01-31',
        email: 'someone@example.org',
        url: 'https://example.org/',
      };
      fields.push([name, value || (blank[type as keyof typeof blank] ?? 'Something')]);
    }
    for (const [, select = '', options = ''] of inner.matchAll(
      /<select\b([^>]*)>([\s\S]*?)<\/select>/g,
    )) {
      const name = attribute(select, 'name');
      const first = [...options.matchAll(/<option\b[^>]*value="([^"]+)"/g)][0]?.[1];
      if (name) fields.push([name, unescape(first ?? '')]);
    }
    for (const [, area = '', text = ''] of inner.matchAll(
      /<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g,
    )) {
      const name = attribute(area, 'name');
      if (name) fields.push([name, unescape(text.trim()) || 'Some text']);
    }
    forms.push({ action: unescape(attribute(attributes, 'action') ?? ''), fields });
  }
  return forms;
}

const shape = (form: PageForm) => `${form.action} ${form.fields.map(([name]) => name).join(',')}`;

/** Form fields as posted: a name given twice is sent twice. */
function body(fields: readonly (readonly [string, string | string[]])[]) {
  const sent: Record<string, string | string[]> = {};
  for (const [name, value] of fields)
    sent[name] = name in sent ? [...[sent[name]!].flat(), ...[value].flat()] : value;
  return sent;
}

describe('hostile input to every form of every page', () => {
  let api: TestApp;
  const head = async () => (await api.get('/health')).body.details.eventStore.position as string;

  beforeAll(async () => {
    api = await TestApp.start({
      REGISTRATION_RATE_LIMIT: '0',
      ANONYMOUS_RATE_LIMIT: '0',
      KEY_RATE_LIMIT: '0',
    });
  });
  afterAll(() => api.stop());

  /**
   * Posts each form of the page with each field in turn holding each hostile value, then given twice,
   * re-reading the page each time for a fresh CSRF token and submission id. No answer is a 5xx, and
   * a refusal writes nothing. Answers how many posts were made.
   */
  async function sweep(client: WebClient, page: string): Promise<number> {
    let posts = 0;
    for (const form of postForms((await client.get(page)).html)) {
      const names = [...new Set(form.fields.map(([name]) => name))].filter(
        (name) => name !== '_csrf' && name !== '_submission',
      );
      for (const target of names) {
        for (const value of [...HOSTILE, ['a', 'b']]) {
          // A form an earlier post made go away (a pledge withdrawn, say) is done with.
          const fresh = postForms((await client.get(page)).html).find(
            (f) => shape(f) === shape(form),
          );
          if (!fresh) break;
          const before = await head();
          const response = await client.post(
            fresh.action || page,
            body([...fresh.fields.filter(([name]) => name !== target), [target, value]]),
          );
          posts++;
          const what = `${page} → ${fresh.action} ${target}=${JSON.stringify(value).slice(0, 30)}`;
          expect({ what, status: response.status < 500 ? 'handled' : response.status }).toEqual({
            what,
            status: 'handled',
          });
          if (response.status >= 400)
            expect({ what, head: await head() }).toEqual({ what, head: before });
        }
      }
    }
    return posts;
  }

  it('answers every post of the participant, reviewer, admin and visitor forms without a 5xx, and a refusal writes nothing', async () => {
    const signed = await api.signedPledge();
    await api.post(`/v1/pledges/${signed.pledgeId}/milestones`, {
      key: signed.apiKey,
      body: { commitmentCode: 'ai-literacy', summary: 'Training done' },
    });
    await api.post('/v1/practices', { key: signed.apiKey, body: practice });
    const unsigned = await api.registerOrganisation({ name: 'Not yet signed' });
    const clients: [string, string | undefined, string[]][] = [
      ['participant with a pledge', signed.apiKey, ['/workspace']],
      ['participant without one', unsigned.apiKey, ['/workspace']],
      ['reviewer', await api.issueKey('reviewer'), ['/review']],
      ['admin', ADMIN_KEY, ['/admin']],
      ['visitor', undefined, ['/join', '/login']],
    ];
    const posts: Record<string, number> = {};
    for (const [who, key, pages] of clients) {
      const client = new WebClient(api.url);
      if (key) await client.signIn(key);
      posts[who] = 0;
      for (const page of pages) posts[who] += await sweep(client, page);
    }
    // Each kind of user had forms to try, so the sweep covered what it says.
    for (const [who] of clients)
      expect({ who, tried: posts[who]! > 0 }).toEqual({ who, tried: true });
  });

  it('takes a practice of 100,000 characters however a browser encodes them, and answers a form too large or of another type with a page', async () => {
    const acme = await api.registerOrganisation({ name: 'Long Writer' });
    const client = new WebClient(api.url);
    await client.signIn(acme.apiKey);
    // The workspace's Share a practice form, read afresh (a new CSRF token and submission id).
    const share = async () =>
      postForms((await client.get('/workspace')).html).find((form) =>
        form.fields.some(([name, value]) => name === 'intent' && value === 'share-practice'),
      )!;
    // Each € is sent as %E2%82%AC: 900,000 bytes of form for the longest body a practice may have.
    const long = await share();
    const sent = await client.post(
      long.action || '/workspace',
      body([...long.fields.filter(([name]) => name !== 'body'), ['body', '€'.repeat(100_000)]]),
    );
    expect(sent.status).toBe(303);
    expect(sent.location).toContain('done=practiceShared');
    const practices = await api.get('/v1/practices', { key: acme.apiKey });
    expect((practices.body.items as { body: string }[])[0]!.body).toHaveLength(100_000);

    // Past what any form of the pages sends, or not a form at all: a page in the visitor's
    // language, not the API's problem+json, and nothing written.
    client.setCookie('pact_lang', 'fr');
    const before = await head();
    const form = await share();
    const tooLarge = await client.post(
      form.action || '/workspace',
      body([...form.fields.filter(([name]) => name !== 'body'), ['body', '€'.repeat(130_000)]]),
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toContain('text/html');
    expect(tooLarge.html).toContain('Ce qui a été envoyé est trop volumineux.');
    expect(tooLarge.html).toContain('<html lang="fr"');
    // Still signed in, as the header says.
    expect(tooLarge.html).toContain('Se déconnecter');
    expect(tooLarge.html).not.toContain('Se connecter');
    const notAForm = await client.postBody('/workspace', 'intent=share-practice', 'text/plain');
    expect(notAForm.status).toBe(415);
    expect(notAForm.headers.get('content-type')).toContain('text/html');
    expect(await head()).toBe(before);
    // The API's addresses answer as the API does, whoever asks.
    const api415 = await client.postBody('/v1/practices', 'title=x', 'text/plain');
    expect(api415.status).toBe(415);
    expect(api415.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers an address the router cannot read with a page for a browser, signed in as before', async () => {
    const acme = await api.registerOrganisation({ name: 'Broken Link Follower' });
    const client = new WebClient(api.url);
    await client.signIn(acme.apiKey);
    client.setCookie('pact_lang', 'fr');
    const page = await client.get('/pledges/%ZZ');
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.html).toContain('<html lang="fr"');
    expect(page.html).toContain('Cette adresse n’est pas valide');
    expect(page.html).toContain('Se déconnecter');
    // With the security headers every page has, though no request hook ran.
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // Its language links work too: the query is read, though no route ran.
    const english = await client.get('/pledges/%ZZ?lang=en');
    expect(english.status).toBe(400);
    expect(english.html).toContain('<html lang="en"');
    expect(english.html).toContain('Part of the address cannot be read.');
    // The API's addresses answer as the API does, whoever asks.
    const api400 = await client.get('/v1/pledges/%ZZ');
    expect(api400.status).toBe(400);
    expect(api400.headers.get('content-type')).toContain('application/problem+json');
  });
});

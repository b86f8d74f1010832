import { formFields, WebClient } from './support/web-client';
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

  it('pages through a queue longer than the page shows, each queue on a cursor of its own', async () => {
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
    expect(page.html.match(/id="practice-[0-9a-f-]{36}"/g)).toHaveLength(100);
    // The oldest first, as the other queues: the newest waits for the next page.
    expect(page.html).toContain('>Practice 0</a');
    expect(page.html).toContain('>Practice 99</a');
    expect(page.html).not.toContain('>Practice 100</a');
    // The queue pages on: its own navigation, named for it, leads to the rest.
    const nav =
      /<nav[^>]*aria-label="Pages of Practices awaiting publication">([\s\S]*?)<\/nav>/.exec(
        page.html,
      );
    expect(nav?.[1]).toContain('Showing 1 to 100 of 101');
    const next = /href="([^"]+)"[^>]*>Next page</.exec(nav![1]!)![1]!.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/review\?practices=/);
    const rest = await reviewer.get(next);
    expect(rest.status).toBe(200);
    expect(rest.html.match(/id="practice-[0-9a-f-]{36}"/g)).toHaveLength(1);
    expect(rest.html).toContain('>Practice 100</a');
    expect(rest.html).toContain('Showing 101 to 101 of 101');
    expect(rest.html).toContain('Previous page');
    // A decision taken there brings the reviewer back to the same place in the queue.
    const action = /action="([^"]+)"[^>]*>\s*<span id="publish-practice-/
      .exec(rest.html)![1]!
      .replace(/&amp;/g, '&');
    expect(action).toBe(next);
    const published = await reviewer.post(action, formFields(rest.html, 'publish-practice'));
    expect(published.status).toBe(303);
    expect(published.location).toMatch(
      /^\/review\?practices=[^&]+&done=practicePublished&revision=1$/,
    );
    const after = await reviewer.get(published.location!);
    expect(after.html).toContain('Practices awaiting publication (100)');
    expect(after.html).toContain('Nothing is left on this page: its items have been decided.');
    expect(after.html).not.toContain('Showing');
    expect(after.html).toContain('Previous page');
    // The queues that fit have no navigation.
    expect(page.html).toContain('No pledge awaits publication.');
    expect(page.html.match(/<nav[^>]*aria-label="Pages of/g)).toHaveLength(1);
    expect((await reviewer.get(`${next}&lang=fr`)).html).toContain(
      'aria-label="Pages : Pratiques en attente de publication"',
    );
    // A cursor the page did not give is refused, and the queues show from their start.
    const refused = await reviewer.get('/review?practices=nonsense');
    expect(refused.status).toBe(400);
    expect(refused.html.match(/id="practice-[0-9a-f-]{36}"/g)).toHaveLength(100);
    const otherOrder = await reviewer.get(next.replace('practices=', 'milestones='));
    expect(otherOrder.status).toBe(400);
  });
});

describe('pages: a practice shared without consent to publish', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it('offers the reviewer Reject only, as the API would refuse Publish', async () => {
    const acme = await api.registerOrganisation({ name: 'Private Sharer' });
    const share = (title: string, publicationConsent: boolean) =>
      api.post('/v1/practices', {
        key: acme.apiKey,
        body: {
          title,
          summary: 'A summary',
          body: 'A body',
          category: 'governance',
          implementationLevel: 'planned',
          publicationConsent,
        },
      });
    const kept = await share('Kept in house', false);
    const open = await share('Open to all', true);
    expect([kept.status, open.status]).toEqual([201, 201]);
    await api.get(`/v1/practices?minPosition=${open.body.position as string}`);
    const reviewer = new WebClient(api.url);
    await reviewer.signIn(await api.issueKey('reviewer'));

    const page = await reviewer.get('/review');
    const row = (id: string) =>
      new RegExp(`<tr>\\s*<td id="practice-${id}-about">([\\s\\S]*?)</tr>`).exec(page.html)?.[1];
    const withoutConsent = row(kept.body.practiceId as string);
    const withConsent = row(open.body.practiceId as string);
    expect(withoutConsent).toContain('No consent: cannot be published');
    expect(withoutConsent).toContain('>Reject<');
    expect(withoutConsent).not.toContain('>Publish<');
    expect(withConsent).toContain('Owner consents to publication');
    expect(withConsent).toContain('>Publish<');
    expect(withConsent).toContain('>Reject<');
    // What the page no longer offers, the API still refuses.
    const refused = await api.post(`/v1/practices/${kept.body.practiceId as string}/publish`, {
      key: await api.issueKey('reviewer'),
      body: {},
    });
    expect(refused.status).toBe(409);
  });
});

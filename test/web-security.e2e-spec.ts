import { randomUUID } from 'node:crypto';
import { csrfOf, formFields, WebClient } from './support/web-client';
import { ADMIN_KEY, CORE_CODES, TestApp, TestClock } from './support/test-app';

jest.setTimeout(60_000);

/** Sessions, CSRF, access rules and form semantics of the pages, over HTTP without a browser. */
describe('pages: sessions, CSRF and access', () => {
  /** A signature form's action fields, one planned action per commitment. */
  const actions = (codes: readonly string[], targetDate: (code: string) => string) =>
    Object.fromEntries(
      codes.flatMap((code) => [
        [`action.${code}.description`, 'Plan it'],
        [`action.${code}.status`, 'planned'],
        [`action.${code}.targetDate`, targetDate(code)],
      ]),
    );
  let api: TestApp;
  const clock = new TestClock(new Date('2026-03-02T09:00:00.000Z'));
  let acme: { organisationId: string; apiKey: string; pledgeId: string };
  let other: { organisationId: string; apiKey: string; pledgeId: string };
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    api = await TestApp.start(
      { KEY_RATE_LIMIT: '0', ANONYMOUS_RATE_LIMIT: '0', REGISTRATION_RATE_LIMIT: '0' },
      clock,
    );
    acme = await api.signedPledge();
    other = await api.signedPledge({ name: 'Other Org' });
    keys['participant'] = acme.apiKey;
    keys['reviewer'] = await api.issueKey('reviewer');
    keys['analyst'] = await api.issueKey('analyst');
    keys['admin'] = ADMIN_KEY;
  });
  afterAll(() => api.stop());

  const signedIn = async (key: string) => {
    const client = new WebClient(api.url);
    await client.signIn(key);
    return client;
  };
  /** The workspace's report form, from a page already fetched, with these values. */
  const postReport = (client: WebClient, page: string, commitmentCode: string, summary: string) =>
    client.post('/workspace', { ...formFields(page, 'report'), commitmentCode, summary });
  const eventCount = async (pledgeId: string) =>
    (await api.get(`/v1/pledges/${pledgeId}/history?limit=1000`, { key: ADMIN_KEY })).body.events
      .length as number;

  it('lets each role open its pages only: others get 403, another organisation 404, visitors are sent to sign in', async () => {
    const table: Record<string, Record<string, number>> = {
      '/workspace': { anonymous: 303, participant: 200, reviewer: 403, analyst: 403, admin: 403 },
      '/review': { anonymous: 303, participant: 403, reviewer: 200, analyst: 403, admin: 403 },
      '/analytics': { anonymous: 303, participant: 403, reviewer: 200, analyst: 200, admin: 200 },
      '/analytics/export.csv': {
        anonymous: 303,
        participant: 403,
        reviewer: 200,
        analyst: 200,
        admin: 200,
      },
      '/admin': { anonymous: 303, participant: 403, reviewer: 403, analyst: 403, admin: 200 },
      [`/pledges/${acme.pledgeId}/audit`]: {
        anonymous: 303,
        participant: 200,
        reviewer: 200,
        analyst: 403,
        admin: 200,
      },
      [`/pledges/${other.pledgeId}/audit`]: {
        anonymous: 303,
        participant: 404,
        reviewer: 200,
        analyst: 403,
        admin: 200,
      },
      [`/pledges/${other.pledgeId}/audit/history.ndjson`]: {
        anonymous: 303,
        participant: 404,
        reviewer: 200,
        analyst: 403,
        admin: 200,
      },
      // Unpublished: its owner and staff see it, nobody else.
      [`/pledges/${other.pledgeId}`]: {
        anonymous: 404,
        participant: 404,
        reviewer: 200,
        analyst: 200,
        admin: 200,
      },
      '/registry': { anonymous: 200, participant: 200, reviewer: 200, analyst: 200, admin: 200 },
    };
    const clients: Record<string, WebClient> = { anonymous: new WebClient(api.url) };
    for (const role of ['participant', 'reviewer', 'analyst', 'admin'])
      clients[role] = await signedIn(keys[role]!);
    const outcomes: Record<string, Record<string, number>> = {};
    for (const path of Object.keys(table)) {
      outcomes[path] = {};
      for (const [role, client] of Object.entries(clients))
        outcomes[path][role] = (await client.get(path)).status;
    }
    expect(outcomes).toEqual(table);
    const away = await clients['anonymous']!.get('/workspace');
    expect(away.location).toBe('/login?next=%2Fworkspace');
  });

  it('says "not found" in the page\'s language when the refusal comes from the API below it', async () => {
    const participant = await signedIn(keys['participant']!);
    // Another organisation's pledge: the audit's access check (shared with the API) refuses it.
    const french = await participant.get(`/pledges/${other.pledgeId}/audit?lang=fr`);
    expect(french.status).toBe(404);
    expect(french.html).toContain('Page introuvable');
    expect(french.html).toContain('Il n’y a rien ici, ou ce contenu ne vous est pas accessible.');
    expect(french.html).not.toContain('Pledge not found');
    const english = await participant.get(`/pledges/${other.pledgeId}/audit?lang=en`);
    expect(english.html).toContain('There is nothing here, or it is not yours to see.');
  });

  it('keeps the session in an HttpOnly, SameSite cookie that names the key id, never the key', async () => {
    const client = new WebClient(api.url);
    const form = await client.get('/login');
    const response = await client.post('/login', {
      _csrf: csrfOf(form.html),
      key: keys['reviewer']!,
      next: '/registry',
    });
    expect(response.status).toBe(303);
    expect(response.location).toBe('/registry');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('pact_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http on the loopback host only
    // pact_<36-character id>_<43-character secret>; the secret may itself hold '_'.
    const secret = keys['reviewer']!.slice(-43);
    expect(decodeURIComponent(cookie)).not.toContain(secret);
    expect(decodeURIComponent(cookie)).not.toContain(keys['reviewer']!.slice(5, 41)); // sealed, not even the id in clear
  });

  it('gives a signed-out visitor a cookie only on a page with a form to post (its CSRF token)', async () => {
    await api.post(`/v1/pledges/${other.pledgeId}/publish`, { key: keys['reviewer']!, body: {} });
    const cookiesOf = async (path: string) => {
      const page = await new WebClient(api.url).get(path);
      expect(page.status).toBe(200);
      return page.headers.getSetCookie().map((cookie) => cookie.split('=')[0]);
    };
    for (const path of ['/', '/registry', `/pledges/${other.pledgeId}`, '/practices', '/data'])
      expect({ path, cookies: await cookiesOf(path) }).toEqual({ path, cookies: [] });
    for (const path of ['/login', '/join'])
      expect({ path, cookies: await cookiesOf(path) }).toEqual({ path, cookies: ['pact_visitor'] });

    // The token the sign-in form carries is the cookie's, and signing in with it works.
    const client = new WebClient(api.url);
    const form = await client.get('/login');
    expect(csrfOf(form.html)).toBe(client.cookie('pact_visitor'));
    const signedIn = await client.post('/login', {
      _csrf: csrfOf(form.html),
      key: keys['analyst']!,
      next: '/analytics',
    });
    expect(signedIn.location).toBe('/analytics');
  });

  it('sends a signed-out visitor to sign in and back to the page asked for', async () => {
    const client = new WebClient(api.url);
    const away = await client.get('/analytics?lang=fr');
    expect(away.location).toBe('/login?next=%2Fanalytics%3Flang%3Dfr');
    const form = await client.get(away.location!);
    expect(formFields(form.html)['next']).toBe('/analytics?lang=fr');
    const back = await client.post('/login', { ...formFields(form.html), key: keys['analyst']! });
    expect(back.location).toBe('/analytics?lang=fr');
    expect((await client.get(back.location!)).html).toContain(
      '<h1 class="ecl-u-type-heading-1 pact-h1">Analyses</h1>',
    );
  });

  it("records a form's command like the API's: the signed-in key as actor, the request's correlation id, the form as idempotency key", async () => {
    const client = await signedIn(acme.apiKey);
    const page = await client.get('/workspace');
    const hidden = formFields(page.html, 'report');
    const response = await client.post('/workspace', {
      ...hidden,
      commitmentCode: CORE_CODES[1]!,
      summary: 'Recorded from a page',
    });
    expect(response.status).toBe(303);
    const events = (
      await api.get(`/v1/pledges/${acme.pledgeId}/history?limit=1000`, { key: ADMIN_KEY })
    ).body.events as {
      type: string;
      data: { summary?: string };
      metadata: {
        actor: { keyId: string; role: string; organisationId: string };
        correlationId: string;
        idempotencyKey?: string;
      };
    }[];
    const reported = events.find((e) => e.data.summary === 'Recorded from a page')!;
    expect(reported.type).toBe('MilestoneReported');
    expect(reported.metadata).toMatchObject({
      actor: {
        keyId: acme.apiKey.slice(5, 41),
        role: 'participant',
        organisationId: acme.organisationId,
      },
      correlationId: response.headers.get('x-correlation-id'),
      idempotencyKey: `form:${hidden['_submission']}`,
    });
  });

  it('lets a form refused as invalid go through corrected, then holds its submission to what it recorded', async () => {
    const client = await signedIn(acme.apiKey);
    // Each post is of the same form as rendered, so with the same submission id.
    const page = (await client.get('/workspace')).html;
    // The pledge refuses a commitment it does not hold; the same form, corrected, is a new request.
    const refused = await postReport(client, page, 'not-in-this-pledge', 'Corrected on a page');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('The pledge does not hold this commitment.');
    const corrected = await postReport(client, page, CORE_CODES[1]!, 'Corrected on a page');
    expect(corrected.status).toBe(303);
    const other = await postReport(client, page, CORE_CODES[1]!, 'Something else');
    expect(other.status).toBe(422);
    const summaries = (
      (await api.get(`/v1/pledges/${acme.pledgeId}/history?limit=1000`, { key: ADMIN_KEY })).body
        .events as { data: { summary?: string } }[]
    ).map((e) => e.data.summary);
    expect(summaries.filter((s) => s === 'Corrected on a page')).toHaveLength(1);
    expect(summaries).not.toContain('Something else');
  });

  it('refuses a wrong key with the form again and no session', async () => {
    const client = new WebClient(api.url);
    const form = await client.get('/login');
    const response = await client.post('/login', {
      _csrf: csrfOf(form.html),
      key: 'pact_not-a-key',
      next: '',
    });
    expect(response.status).toBe(401);
    expect(response.html).toContain('That API key is not valid');
    expect(client.cookie('pact_session')).toBeUndefined();
  });

  it('never redirects after sign-in to another site', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const client = new WebClient(api.url);
      const form = await client.get('/login');
      const response = await client.post('/login', {
        _csrf: csrfOf(form.html),
        key: keys['analyst']!,
        next,
      });
      expect({ next, location: response.location }).toEqual({ next, location: '/analytics' });
    }
  });

  it('refuses a form without its CSRF token, with a wrong one, or from another site, and changes nothing', async () => {
    const client = await signedIn(acme.apiKey);
    const page = await client.get('/workspace');
    const hidden = formFields(page.html, 'report');
    const report: Record<string, string> = {
      ...hidden,
      commitmentCode: CORE_CODES[0]!,
      summary: 'Should never be recorded',
    };
    const before = await eventCount(acme.pledgeId);
    const { _csrf: _dropped, ...withoutToken } = report;
    const attempts = [
      await client.post('/workspace', withoutToken),
      await client.post('/workspace', { ...report, _csrf: 'forged-token-forged-token-forged!' }),
      await client.post('/workspace', report, { origin: 'https://evil.example' }),
      await client.post('/workspace', report, { site: 'cross-site' }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(attempts[0]!.html).toContain('security token');
    expect(await eventCount(acme.pledgeId)).toBe(before);
    // The same form with its token goes through, once: a second submission replays the first.
    const first = await client.post('/workspace', report);
    const again = await client.post('/workspace', report);
    expect(first.status).toBe(303);
    expect(again.location).toBe(first.location);
    expect(await eventCount(acme.pledgeId)).toBe(before + 1);
  });

  it('issues one key for an admin form submitted twice, and shows the same key again', async () => {
    const client = await signedIn(ADMIN_KEY);
    const page = await client.get('/admin');
    const form = {
      ...formFields(page.html, 'issue-key'),
      role: 'analyst',
      label: 'issued once',
      organisationId: '',
      expiresAt: '',
    };
    const first = await client.post('/admin', form);
    const second = await client.post('/admin', form);
    const keyOf = (html: string) => /id="new-key">\s*(pact_[^<\s]+)/.exec(html)?.[1];
    expect(first.status).toBe(200);
    expect(keyOf(first.html)).toMatch(/^pact_/);
    expect(keyOf(second.html)).toBe(keyOf(first.html));
    const listed = (await client.get('/admin')).html.match(/>issued once</g) ?? [];
    expect(listed).toHaveLength(1);
  });

  it('answers a bad form with its errors and a 4xx, and records nothing', async () => {
    const client = await signedIn(acme.apiKey);
    const page = await client.get('/workspace');
    const before = await eventCount(acme.pledgeId);
    const response = await postReport(client, page.html, 'no-such-commitment', '');
    expect(response.status).toBe(400);
    expect(response.html).toContain('summary');
    const unknown = await postReport(client, page.html, 'provider-logging', 'Not in this pledge');
    expect(unknown.status).toBe(400);
    expect(await eventCount(acme.pledgeId)).toBe(before);
  });

  it("words a refused form in the page's language, never in the API's English, and records nothing", async () => {
    const client = await signedIn(acme.apiKey);
    const page = await client.get('/workspace?lang=fr');
    const before = await eventCount(acme.pledgeId);
    const english = [
      'The request body is invalid',
      'should not be empty',
      'Unknown commitment',
      'holds no commitment',
      'Tick the confirmation',
      'already has pledge',
    ];
    const invalid = await postReport(client, page.html, CORE_CODES[0]!, '');
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('Une partie de ce qui a été envoyé n’est pas valide.');
    expect(invalid.html).toContain('Résumé : est obligatoire');
    const tooLong = await postReport(client, page.html, CORE_CODES[1]!, 'x'.repeat(10_001));
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain('Résumé : doit compter au plus 10\u202f000 caractères');
    // The refused form is shown again as it was sent, nothing typed lost; the others fresh.
    expect(tooLong.html).toMatch(/id="report-summary"[^>]*>\s*x{10001}<\/textarea>/);
    expect(tooLong.html).toMatch(new RegExp(`<option\\s+value="${CORE_CODES[1]!}"\\s+selected`));
    expect(tooLong.html).toMatch(/id="practice-summary"[^>]*>\s*<\/textarea>/);
    // The field the refusal is about is marked invalid; the others are not.
    expect(tooLong.html).toMatch(/id="report-summary"[^>]*aria-invalid="true"/);
    expect(tooLong.html).not.toMatch(/id="report-commitment"[^>]*aria-invalid/);
    // Beside the field, what is wrong with it, read out with it; the list at the top links there.
    expect(tooLong.html.match(/id="error-summary"/g)).toHaveLength(1);
    expect(tooLong.html).toMatch(
      /class="ecl-feedback-message" id="error-summary">\s*Ce champ doit compter au plus 10\u202f000 caractères\.\s*</,
    );
    expect(tooLong.html).toMatch(/id="report-summary"[^>]*aria-describedby="error-summary"/);
    expect(tooLong.html).toMatch(
      /<a class="ecl-link" href="#error-summary">\s*Résumé : doit compter au plus/,
    );
    expect(tooLong.html).not.toMatch(/id="error-commitmentCode"/);
    const notHeld = await postReport(client, page.html, 'provider-logging', 'Not in this pledge');
    expect(notHeld.status).toBe(400);
    expect(notHeld.html).toContain('L’engagement ne comprend pas cet engagement du catalogue.');
    expect(notHeld.html).toContain('Engagement : ne fait pas partie de l’engagement signé');
    expect(notHeld.html).toMatch(/id="report-commitment"[^>]*aria-invalid="true"/);
    // Sent again, the form's first answer is replayed, still in French.
    const replayed = await postReport(client, page.html, 'provider-logging', 'Not in this pledge');
    expect(replayed.status).toBe(400);
    expect(replayed.html).toContain('L’engagement ne comprend pas cet engagement du catalogue.');
    const unconfirmed = await client.post('/workspace', {
      ...formFields(page.html, 'withdraw'),
      reason: 'Changing course',
    });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.html).toContain('Cochez la confirmation pour retirer l’engagement.');
    expect(unconfirmed.html).toContain('Confirmation : doit être coché');
    // A checkbox's message is shown above it, and read out with it.
    expect(unconfirmed.html).toMatch(/id="error-confirm">\s*Ce champ doit être coché\.\s*</);
    expect(unconfirmed.html).toMatch(/id="withdraw-confirm"[^>]*aria-describedby="error-confirm"/);
    expect(unconfirmed.html).toContain('href="#error-confirm"');
    // A second, valid signature while the first pledge is live: the domain's conflict (409).
    const secondSignature = {
      ...formFields((await client.get('/workspace')).html, 'report'),
      intent: 'sign',
      signatoryName: 'Ada',
      signatoryPosition: 'CEO',
      commitments: CORE_CODES,
      ...actions(CORE_CODES, () => '2027-01-31'),
    };
    const conflict = await client.post('/workspace', secondSignature);
    expect(conflict.status).toBe(409);
    expect(conflict.html).toContain('Votre organisation a déjà un engagement.');
    // One that breaks the rules (a single core commitment) is refused for that, live pledge or not.
    // A fresh form: one sent again replays its first answer.
    const broken = await client.post('/workspace', {
      ...secondSignature,
      ...formFields((await client.get('/workspace')).html, 'report'),
      intent: 'sign',
      commitments: CORE_CODES[0]!,
    });
    expect(broken.status).toBe(400);
    expect(broken.html).toContain('Un engagement comprend les trois engagements de base.');
    for (const refused of [invalid, tooLong, notHeld, replayed, unconfirmed, conflict, broken])
      for (const phrase of english) expect(refused.html).not.toContain(phrase);
    // The same refusal in English reads as the English catalogue has it.
    const inEnglish = await client.get('/workspace?lang=en');
    const conflictInEnglish = await client.post('/workspace', {
      ...secondSignature,
      ...formFields(inEnglish.html, 'report'),
      intent: 'sign',
    });
    expect(conflictInEnglish.status).toBe(409);
    expect(conflictInEnglish.html).toContain('Your organisation already has a pledge.');
    expect(await eventCount(acme.pledgeId)).toBe(before);
  });

  it('shows a refused registration again with what was sent, so nothing typed is lost', async () => {
    const client = new WebClient(api.url);
    const page = await client.get('/join?lang=fr');
    const typed = { name: 'Refused & Co', sector: 'J', size: 'small', contactName: 'Ada' };
    const refused = await client.post('/join', {
      ...formFields(page.html),
      ...typed,
      country: 'fr',
      roles: ['provider', 'deployer'],
      contactEmail: 'not-an-address',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(
      'Adresse électronique du contact : doit être une adresse électronique',
    );
    expect(refused.html).toMatch(/id="org-name"[^>]*value="Refused &amp; Co"/);
    expect(refused.html).toMatch(/<option\s+value="J"\s+selected/);
    expect(refused.html).toMatch(/id="org-role-provider"[^>]*checked/);
    expect(refused.html).toMatch(/id="org-role-deployer"[^>]*checked/);
    expect(refused.html).toMatch(/id="contact-email"[^>]*value="not-an-address"/);
    expect(refused.html).toMatch(/id="contact-email"[^>]*aria-invalid="true"/);
    expect(refused.html).not.toMatch(/id="org-name"[^>]*aria-invalid/);
    expect(refused.html).toMatch(
      /id="error-contactEmail">\s*Ce champ doit être une adresse électronique\.\s*</,
    );
    expect(refused.html).toContain('href="#error-contactEmail"');
    // No role ticked: the message stands under the roles' legend, and each box is described by it.
    const noRole = await client.post('/join', {
      ...formFields((await client.get('/join?lang=fr')).html),
      ...typed,
      country: 'FR',
      contactEmail: 'ada@example.org',
    });
    expect(noRole.status).toBe(400);
    expect(noRole.html).toMatch(/<\/legend>\s*<div class="ecl-feedback-message" id="error-roles">/);
    expect(noRole.html.match(/aria-describedby="error-roles"/g)).toHaveLength(2);
    expect(noRole.html).toContain('href="#error-roles"');
    // Shown anew, the form is empty.
    expect((await client.get('/join')).html).toMatch(/id="org-name"[^>]*value=""/);
  });

  it("says beside a refused signature's fields what is wrong, the commitments' under their legend", async () => {
    const deployer = await api.registerOrganisation({ roles: ['deployer'] });
    const client = await signedIn(deployer.apiKey);
    const page = await client.get('/workspace?lang=en');
    const signature = {
      ...formFields(page.html, 'sign'),
      signatoryName: 'Ada',
      signatoryPosition: 'CEO',
    };
    // One core commitment's action without its target date.
    const undated = await client.post('/workspace', {
      ...signature,
      commitments: CORE_CODES,
      ...actions(CORE_CODES, (code) => (code === CORE_CODES[2] ? '' : '2027-06-30')),
    });
    expect(undated.status).toBe(400);
    const dateField = `action.${CORE_CODES[2]!}.targetDate`;
    expect(undated.html).toMatch(
      new RegExp(`id="error-${dateField}">\\s*This field is required\\.`),
    );
    expect(undated.html).toMatch(
      new RegExp(`id="sign-${CORE_CODES[2]!}-target"[^>]*aria-describedby="error-${dateField}"`),
    );
    expect(undated.html).toContain(`href="#error-${dateField}"`);
    // A provider's commitment, which a deployer cannot take.
    const providers = await client.post('/workspace', {
      ...formFields((await client.get('/workspace?lang=en')).html, 'sign'),
      signatoryName: 'Ada',
      signatoryPosition: 'CEO',
      commitments: [...CORE_CODES, 'provider-logging'],
      ...actions([...CORE_CODES, 'provider-logging'], () => '2027-06-30'),
    });
    expect(providers.status).toBe(400);
    expect(providers.html).toMatch(
      /<p>[^<]*<\/p>\s*<div class="ecl-feedback-message" id="error-commitments">\s*This field is a commitment for another role/,
    );
    expect(providers.html).toContain('href="#error-commitments"');
  });

  it('marks a refused filter on the registry and practices pages, the query kept', async () => {
    const visitor = new WebClient(api.url);
    const registry = await visitor.get('/registry?lang=fr&signedFrom=hier&size=huge&q=Acme');
    expect(registry.status).toBe(400);
    expect(registry.html).toMatch(/id="signedFrom"[^>]*aria-invalid="true"/);
    expect(registry.html).toMatch(/id="signedFrom"[^>]*aria-describedby="error-signedFrom"/);
    expect(registry.html).toMatch(/id="error-signedFrom">\s*Ce champ doit être une date\.\s*</);
    expect(registry.html).toContain('href="#error-signedFrom"');
    expect(registry.html).toMatch(/id="error-size">\s*Ce champ ne fait pas partie des choix\.\s*</);
    // The filters the refusal does not name are kept as sent, unmarked.
    expect(registry.html).toMatch(/id="q"[^>]*value="Acme"/);
    expect(registry.html).not.toMatch(/id="q"[^>]*aria-invalid/);
    // Refused filters select nothing: no "no match" and no download of the refused query.
    expect(registry.html).not.toContain('Aucun engagement ne correspond');
    expect(registry.html).not.toContain('/registry/export.csv');
    const inverted = await visitor.get('/registry?signedFrom=2024-10-02&signedTo=2024-10-01');
    expect(inverted.status).toBe(400);
    expect(inverted.html).toMatch(/id="signedTo"[^>]*aria-invalid="true"/);
    expect(inverted.html).toMatch(
      /id="error-signedTo">\s*Ce champ ne peut précéder la date de début\.\s*</,
    );
    const practices = await visitor.get('/practices?implementationLevel=someday');
    expect(practices.status).toBe(400);
    expect(practices.html).toMatch(/id="implementationLevel"[^>]*aria-invalid="true"/);
    expect(practices.html).toContain('href="#error-implementationLevel"');
    expect(practices.html).not.toContain('No practice matches');
    // A query the filter form has no field for is said, not linked.
    const paged = await visitor.get('/registry?limit=0');
    expect(paged.status).toBe(400);
    expect(paged.html).not.toContain('href="#error-');
  });

  it("finds an organisation's keys, or a key by its ID, beyond the recent ones, and revokes one there", async () => {
    const early = await api.registerOrganisation({ name: 'Early Member' });
    const earlyKeyId = early.apiKey.slice(5, 41);
    clock.advance(1000); // a second later: a hundred newer keys
    for (let i = 0; i < 100; i++) await api.issueKey('analyst');
    const admin = await signedIn(ADMIN_KEY);
    const recent = await admin.get('/admin');
    expect(recent.html).toContain('Recently issued keys');
    expect(recent.html).not.toContain(`id="key-${earlyKeyId}"`);
    // Every issued key, a hundred a page: the next page holds the earlier ones.
    expect(recent.html.match(/id="key-[0-9a-f-]{36}"/g)).toHaveLength(100);
    const { total } = (await api.get('/v1/api-keys?limit=1', { key: ADMIN_KEY })).body;
    expect(recent.html).toContain(`Showing 1 to 100 of ${total as number}`);
    const next = /href="(\/admin\?cursor=[^"]+)">Next/.exec(recent.html)![1]!;
    const older = await admin.get(next.replace(/&amp;/g, '&'));
    expect(older.html).toContain(`id="key-${earlyKeyId}"`);
    expect(older.html).toContain(`Showing 101 to ${total as number} of ${total as number}`);
    expect((await admin.get('/admin?cursor=nonsense')).status).toBe(400);

    const found = await admin.get(`/admin?keys=${early.organisationId}`);
    expect(found.status).toBe(200);
    expect(found.html).toContain(`Keys found for ${early.organisationId}`);
    expect(found.html.match(/id="key-[0-9a-f-]{36}"/g)).toEqual([`id="key-${earlyKeyId}"`]);
    expect(found.html).toMatch(/id="search-keys"[^>]*value="[0-9a-f-]{36}"/);
    // Upper case is the same ID; a key's own ID finds that key.
    expect((await admin.get(`/admin?keys=${earlyKeyId.toUpperCase()}`)).html).toContain(
      `id="key-${earlyKeyId}"`,
    );

    // Revoked from the search, the admin is back on it, the key marked revoked and refused.
    const row = found.html
      .split('<form')
      .find((form) => form.includes(`name="keyId" value="${earlyKeyId}"`))!;
    const revoked = await admin.post('/admin', formFields(`<form${row}`, 'revoke-key'));
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe(`/admin?keys=${early.organisationId}&done=keyRevoked`);
    const after = await admin.get(revoked.location!);
    expect(after.html).toContain('API key revoked.');
    expect(after.html).toMatch(new RegExp(`id="key-${earlyKeyId}"[\\s\\S]*?Revoked `));
    expect(
      (await api.get(`/v1/organisations/${early.organisationId}`, { key: early.apiKey })).status,
    ).toBe(401);

    const none = await admin.get(`/admin?keys=${randomUUID()}`);
    expect(none.status).toBe(200);
    expect(none.html).toContain('No key has this ID, and no organisation with this ID has a key.');
    // Not an ID: refused beside the field, the recent keys shown.
    const refused = await admin.get('/admin?keys=Early+Member');
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/id="search-keys"[^>]*value="Early Member"/);
    expect(refused.html).toMatch(/id="search-keys"[^>]*aria-invalid="true"/);
    expect(refused.html).toContain('Recently issued keys');
    expect((await admin.get('/admin?keys=Early+Member&lang=fr')).html).toContain(
      'Rechercher des clés',
    );
  });

  it('shows a refused key form or review row again with what was sent, and the others fresh', async () => {
    const admin = await signedIn(ADMIN_KEY);
    const adminPage = await admin.get('/admin');
    const refusedKey = await admin.post('/admin', {
      ...formFields(adminPage.html, 'issue-key'),
      role: 'reviewer',
      label: 'Night shift',
      organisationId: 'not-an-id',
      expiresAt: '',
    });
    expect(refusedKey.status).toBe(400);
    expect(refusedKey.html).toMatch(/<option\s+value="reviewer"\s+selected/);
    expect(refusedKey.html).toMatch(/id="key-label"[^>]*value="Night shift"/);
    expect(refusedKey.html).toMatch(/id="key-organisation"[^>]*value="not-an-id"/);
    expect(refusedKey.html).toMatch(/id="key-organisation"[^>]*aria-invalid="true"/);
    expect(refusedKey.html).not.toMatch(/id="key-label"[^>]*aria-invalid/);

    const reported = async () =>
      (
        await api.post(`/v1/pledges/${other.pledgeId}/milestones`, {
          key: other.apiKey,
          body: { commitmentCode: CORE_CODES[0], summary: 'Trained the first group' },
        })
      ).body.milestoneId as string;
    const [first, second] = [await reported(), await reported()];
    const reviewer = await signedIn(keys['reviewer']!);
    const queue = await reviewer.get('/review');
    // The first milestone's clarification form: the one holding its comment field.
    const rowForm = queue.html.split('<form').find((form) => form.includes(`comment-${first}`))!;
    const refusedReview = await reviewer.post('/review', {
      ...formFields(`<form${rowForm}`, 'clarification-requested'),
      comment: 'y'.repeat(10_001),
    });
    expect(refusedReview.status).toBe(400);
    expect(refusedReview.html).toMatch(new RegExp(`id="comment-${first}"[^>]*value="y{10001}"`));
    expect(refusedReview.html).toMatch(new RegExp(`id="comment-${second}"[^>]*value=""`));
    expect(refusedReview.html).toMatch(new RegExp(`id="comment-${first}"[^>]*aria-invalid="true"`));
    expect(refusedReview.html).not.toMatch(new RegExp(`id="comment-${second}"[^>]*aria-invalid`));
    expect(refusedReview.html).toMatch(/id="error-comment">\s*This field must be at most 10,000/);
    expect(refusedReview.html).toContain('href="#error-comment"');
    // The accept form carries no comment field to show: its refusal's line links nowhere.
    const acceptForm = queue.html
      .split('<form')
      .find((form) => form.includes('value="accepted"') && form.includes(first))!;
    const refusedAccept = await reviewer.post('/review', {
      ...formFields(`<form${acceptForm}`, 'accepted'),
      comment: 'y'.repeat(10_001),
    });
    expect(refusedAccept.status).toBe(400);
    expect(refusedAccept.html).toMatch(
      /<li>\s*Comment: must be at most 10,000 characters\s*<\/li>/,
    );
    expect(refusedAccept.html).not.toContain('href="#error-comment"');
    expect(refusedAccept.html).not.toContain('id="error-comment"');
  });

  it("ends a session at sign-out, at the key's revocation or expiry, and after eight idle hours", async () => {
    // Sign-out: the cookie, replayed, no longer opens a session.
    const out = await signedIn(keys['analyst']!);
    const cookie = out.cookie('pact_session')!;
    const page = await out.get('/analytics');
    await out.post('/logout', { _csrf: csrfOf(page.html) });
    const replay = new WebClient(api.url);
    replay.setCookie('pact_session', cookie);
    expect((await replay.get('/analytics')).status).toBe(303);

    // Revocation: refused at the next request.
    const issued = await api.post('/v1/api-keys', {
      key: ADMIN_KEY,
      body: { role: 'analyst', label: 'to revoke' },
    });
    const revoked = await signedIn(issued.body.key);
    expect((await revoked.get('/analytics')).status).toBe(200);
    await api.request('DELETE', `/v1/api-keys/${issued.body.id}`, { key: ADMIN_KEY });
    const refused = await revoked.get('/analytics');
    expect(refused.status).toBe(303);
    expect(refused.location).toBe('/login?next=%2Fanalytics');

    // Expiry: refused once the key expires.
    const expiring = await api.post('/v1/api-keys', {
      key: ADMIN_KEY,
      body: {
        role: 'analyst',
        label: 'expiring',
        expiresAt: new Date(clock.now().getTime() + 60_000).toISOString(),
      },
    });
    const expires = await signedIn(expiring.body.key);
    expect((await expires.get('/analytics')).status).toBe(200);
    clock.advance(61_000);
    expect((await expires.get('/analytics')).status).toBe(303);
    // The administration lists both as they are: nothing left to revoke.
    const keyList = (await (await signedIn(ADMIN_KEY)).get('/admin?lang=en')).html;
    const stateOf = (id: string) => new RegExp(`id="key-${id}"[\\s\\S]*?</tr>`).exec(keyList)![0];
    expect(stateOf(expiring.body.id)).toContain('Expired');
    expect(stateOf(expiring.body.id)).not.toContain('Revoke');
    expect(stateOf(issued.body.id)).toContain('Revoked');

    // Idle: eight hours without a request end the session; activity keeps it alive.
    const idle = await signedIn(keys['analyst']!);
    clock.advance(7 * 60 * 60 * 1000);
    expect((await idle.get('/analytics')).status).toBe(200);
    clock.advance(7 * 60 * 60 * 1000);
    expect((await idle.get('/analytics')).status).toBe(200);
    clock.advance(8 * 60 * 60 * 1000 + 1000);
    expect((await idle.get('/analytics')).status).toBe(303);
  });

  it('ignores the Basic credentials a browser keeps for the queue dashboard', async () => {
    const client = await signedIn(ADMIN_KEY);
    const response = await fetch(`${api.url}/admin`, {
      headers: {
        cookie: `pact_session=${encodeURIComponent(client.cookie('pact_session')!)}`,
        authorization: `Basic ${Buffer.from(`admin:${ADMIN_KEY}`).toString('base64')}`,
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('keeps the API JSON-only: a form body on an API route is 415', async () => {
    const response = await fetch(`${api.url}/v1/organisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { BrowserSession, launchBrowser, textOf } from './support/browser';
import { ADMIN_KEY, TestApp } from './support/test-app';
import { en, type MessageKey } from '../apps/api/src/web/i18n/messages.en';
import { fr } from '../apps/api/src/web/i18n/messages.fr';

jest.setTimeout(240_000);

/** The English catalogue's sentences that French says otherwise: none may show on a French page. */
const ENGLISH_ONLY = Object.entries(en)
  .filter(([key, sentence]) => fr[key as MessageKey] !== sentence)
  .map(([, sentence]) => sentence.split('{')[0]!.trim())
  .filter((sentence) => sentence.length >= 12 && sentence.includes(' '));

/**
 * Every page, in English and French, for the role that sees it: no axe-core violation of any impact, no console error or failed request, one h1, `lang` set, no English sentence of the
 * catalogue on a French page; public pages work with
 * JavaScript off; sign-in and a milestone report work from the keyboard alone.
 */
describe('pages: accessibility, languages and keyboard use', () => {
  let browser: Browser;
  let api: TestApp;
  const keys: Record<string, string> = {};
  let pledgeId = '';
  let practiceId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    api = await TestApp.start({ KEY_RATE_LIMIT: '0', ANONYMOUS_RATE_LIMIT: '0' });
    const acme = await api.signedPledge();
    pledgeId = acme.pledgeId;
    keys['participant'] = acme.apiKey;
    keys['reviewer'] = await api.issueKey('reviewer');
    keys['analyst'] = await api.issueKey('analyst');
    keys['admin'] = ADMIN_KEY;
    const pledges = await api.get(`/v1/pledges/${pledgeId}`, { key: acme.apiKey });
    const code = pledges.body.commitments[0].code as string;
    await api.post(`/v1/pledges/${pledgeId}/milestones`, {
      key: acme.apiKey,
      body: { commitmentCode: code, summary: 'First steps taken' },
    });
    await api.post(`/v1/pledges/${pledgeId}/publish`, { key: keys['reviewer'], body: {} });
    const practice = await api.post('/v1/practices', {
      key: acme.apiKey,
      body: {
        title: 'Model cards',
        summary: 'We publish model cards',
        body: 'One.\n\nTwo.',
        category: 'transparency',
        implementationLevel: 'planned',
        publicationConsent: true,
      },
    });
    practiceId = practice.body.practiceId;
    await api.post(`/v1/practices/${practiceId}/publish`, { key: keys['reviewer'], body: {} });
    await api.post('/v1/practices', {
      key: acme.apiKey,
      body: {
        title: 'Red teaming',
        summary: 'Awaiting review',
        body: 'Text.',
        category: 'safety',
        implementationLevel: 'planned',
        publicationConsent: true,
      },
    });
  });
  afterAll(async () => {
    await browser.close();
    await api.stop();
  });

  const pagesFor = (): [string, string[]][] => [
    [
      'anonymous',
      [
        '/',
        '/registry',
        `/pledges/${pledgeId}`,
        '/practices',
        `/practices/${practiceId}`,
        '/data',
        '/login',
        '/join',
        '/pledges/no-such-pledge',
      ],
    ],
    ['participant', ['/workspace', `/pledges/${pledgeId}/audit`, `/pledges/${pledgeId}`]],
    [
      'reviewer',
      ['/review', `/pledges/${pledgeId}/audit?revision=1&compareFrom=0&compareTo=2`, '/registry'],
    ],
    ['analyst', ['/analytics', '/registry?status=published&sort=name']],
    ['admin', ['/admin', '/analytics']],
  ];

  async function check(
    page: Page,
    session: BrowserSession,
    role: string,
    path: string,
    lang: string,
  ) {
    const separator = path.includes('?') ? '&' : '?';
    const status = await session.goto(`${path}${separator}lang=${lang}`);
    expect({
      path,
      status: status === 200 || (path.includes('no-such') && status === 404),
    }).toEqual({ path, status: true });
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect({ path, h1: await page.locator('h1').count() }).toEqual({ path, h1: 1 });
    expect({ path, lang, violations: await session.accessibilityViolations() }).toEqual({
      path,
      lang,
      violations: [],
    });
    if (lang === 'fr') {
      const text = await page.locator('body').innerText();
      expect({ path, english: ENGLISH_ONLY.filter((sentence) => text.includes(sentence)) }).toEqual(
        {
          path,
          english: [],
        },
      );
    }
    const name = `${lang}-${role}${path
      .replace(pledgeId, 'pledge')
      .replace(practiceId, 'practice')
      .replace(/[^a-z0-9]+/gi, '-')}`.slice(0, 80);
    // One screenshot per page is enough as an artefact; the French pass checks, it does not photograph.
    if (lang === 'en') await session.screenshot(name);
  }

  it.each(['en', 'fr'])('passes axe-core with no violation on every page (%s)', async (lang) => {
    for (const [role, paths] of pagesFor()) {
      const session = await BrowserSession.open(browser, api.url);
      if (role !== 'anonymous') await session.signIn(keys[role]!);
      for (const path of paths) await check(session.page, session, role, path, lang);
      expect({ role, problems: session.problems.filter((p) => !p.includes('404')) }).toEqual({
        role,
        problems: [],
      });
      // The only failed load allowed is the unknown pledge's own 404.
      expect(
        session.problems
          .filter((p) => p.includes('404'))
          .every((p) => p.includes('no-such-pledge')),
      ).toBe(true);
      await session.close();
    }
  });

  it('passes axe-core on a refused form, which holds what was sent with its field marked invalid', async () => {
    const session = await BrowserSession.open(browser, api.url);
    await session.signIn(keys['participant']!);
    await session.goto('/workspace?lang=fr');
    const summary = session.page.locator('#report-summary');
    // Past the limit, which no maxlength stops: the server refuses it.
    await summary.evaluate(
      (area, text) => ((area as HTMLTextAreaElement).value = text),
      'x'.repeat(10_001),
    );
    const [answer] = await Promise.all([
      session.page.waitForResponse((response) => response.request().method() === 'POST'),
      session.page.getByRole('button', { name: 'Déclarer une étape' }).click(),
    ]);
    await session.page.waitForLoadState();
    expect(answer.status()).toBe(400);
    expect(await summary.inputValue()).toHaveLength(10_001);
    expect(await summary.getAttribute('aria-invalid')).toBe('true');
    // Read out with the field: its label, then what is wrong with it.
    expect(
      await session.page.getByRole('textbox', { name: 'Résumé' }).getAttribute('aria-describedby'),
    ).toBe('error-summary');
    const beside = session.page.locator('#error-summary');
    // (Text as read, spaces made plain: the number's narrow space among them.)
    expect(await textOf(beside)).toBe('Ce champ doit compter au plus 10 000 caractères.');
    // The list at the top takes the visitor to the field's message.
    await session.page
      .getByRole('alert')
      .getByRole('link', { name: /^Résumé : doit compter au plus/ })
      .click();
    await session.page.waitForURL(/#error-summary$/);
    expect(await beside.isVisible()).toBe(true);
    expect(await beside.evaluate((element) => element.matches(':target'))).toBe(true);
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.close();
  });

  it('marks a refused group of checkboxes for the eye too', async () => {
    const session = await BrowserSession.open(browser, api.url);
    await session.goto('/join');
    await session.page.getByLabel('Organisation name').fill('Boxes unticked');
    await session.page.getByLabel('Country').fill('DE');
    await session.page.getByLabel('Contact name').fill('Ann');
    await session.page.getByLabel('Contact e-mail').fill('ann@example.org');
    // No role ticked: the server refuses the registration.
    await session.page.getByRole('button', { name: 'Register' }).click();
    await session.page.waitForLoadState();
    expect(await textOf(session.page.locator('#error-roles'))).toBe('This field is required.');
    for (const name of ['Provider', 'Deployer']) {
      const box = session.page.getByRole('checkbox', { name });
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      // A native box has no error border: an outline in the refused field's red stands for it.
      expect(
        await box.evaluate((element) => {
          const style = getComputedStyle(element);
          return `${style.outlineStyle} ${style.outlineColor}`;
        }),
      ).toBe('solid rgb(196, 22, 28)');
    }
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.close();
  });

  it('speaks French throughout once chosen, and remembers it', async () => {
    const session = await BrowserSession.open(browser, api.url);
    await session.goto('/registry');
    await session.page.getByRole('link', { name: 'Français' }).click();
    await session.page.waitForURL(/lang=fr/);
    expect(await textOf(session.page.getByRole('heading', { level: 1 }))).toBe(
      'Registre des engagements',
    );
    await session.goto('/');
    expect(await textOf(session.page.getByRole('heading', { level: 1 }))).toBe('Le pacte sur l’IA');
    expect(await textOf(session.page.locator('.pact-figures'))).toMatch(/engagements publiés/);
    await session.goto(`/pledges/${pledgeId}`);
    expect(await textOf(session.page.getByRole('main'))).toMatch(/Signé le \d{1,2} \S+ 2026/);
    await session.close();
  });

  it('serves the public pages with JavaScript off', async () => {
    const session = await BrowserSession.open(browser, api.url, { javaScriptEnabled: false });
    for (const path of [
      '/',
      '/registry',
      `/pledges/${pledgeId}`,
      '/practices',
      `/practices/${practiceId}`,
      '/data',
    ]) {
      expect(await session.goto(path)).toBe(200);
      expect(await session.page.locator('h1').count()).toBe(1);
    }
    // Filtering is a plain GET form.
    await session.goto('/registry');
    await session.page.getByLabel('Country').fill('FR');
    await session.page.getByRole('button', { name: 'Apply filters' }).click();
    await session.page.waitForURL(/country=FR/);
    expect(await textOf(session.page.getByRole('main'))).toContain(
      'No pledge matches these filters.',
    );
    await session.screenshot('registry-no-javascript');
    expect(session.problems).toEqual([]);
    await session.close();
  });

  it('signs in and reports a milestone with the keyboard alone', async () => {
    const session = await BrowserSession.open(browser, api.url);
    const page = session.page;
    const { keyboard } = page;
    await session.goto('/login');
    // From the top of the page: skip link, brand, languages, sign-in, navigation, then the form.
    const focused = async () =>
      page.evaluate(
        () =>
          document.activeElement?.getAttribute('name') ??
          document.activeElement?.textContent?.trim() ??
          '',
      );
    for (let i = 0; i < 20 && (await focused()) !== 'key'; i++) await keyboard.press('Tab');
    expect(await focused()).toBe('key');
    await keyboard.type(keys['participant']!);
    await keyboard.press('Enter');
    await page.waitForURL(/\/workspace/);

    for (let i = 0; i < 60 && (await focused()) !== 'commitmentCode'; i++)
      await keyboard.press('Tab');
    expect(await focused()).toBe('commitmentCode');
    await keyboard.press('ArrowDown');
    await keyboard.press('Tab');
    expect(await focused()).toBe('summary');
    await keyboard.type('Reported from the keyboard');
    for (let i = 0; i < 10 && (await focused()) !== 'Report milestone'; i++)
      await keyboard.press('Tab');
    expect(await focused()).toBe('Report milestone');
    await Promise.all([page.waitForURL(/done=milestoneReported/), keyboard.press('Enter')]);
    expect(await textOf(page.getByRole('status').first())).toContain('Milestone reported.');
    // Focus is visible: the focused control draws an outline.
    await keyboard.press('Tab');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).not.toBe('none');
    expect(session.problems).toEqual([]);
    await session.close();
  });
});

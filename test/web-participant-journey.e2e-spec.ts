import type { Browser } from 'playwright-core';
import { BrowserSession, launchBrowser, submitForm, textOf } from './support/browser';
import { ADMIN_KEY, TestApp } from './support/test-app';
import {
  CONTACT,
  issueKeyThroughPages,
  registerThroughPages,
  reportThroughPages,
  signPledgeThroughPages,
} from './support/web-journeys';

jest.setTimeout(120_000);

/**
 * The whole participant and reviewer journey through the pages alone, on a fresh data directory:
 * register, sign in, sign a pledge with a role-specific commitment, report a milestone; an admin
 * issues a reviewer key; the reviewer publishes and accepts; the public registry then shows it.
 */
describe('pages: from registration to the public registry', () => {
  let browser: Browser;
  let api: TestApp;
  const sessions: BrowserSession[] = [];
  const open = async (options?: Parameters<typeof BrowserSession.open>[2]) => {
    const session = await BrowserSession.open(browser, api.url, options);
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    api = await TestApp.start();
  });
  afterAll(async () => {
    await browser.close();
    await api.stop();
  });
  afterEach(() => {
    for (const session of sessions) expect(session.problems).toEqual([]);
  });

  it('registers, signs, reports, is published and reviewed, and appears in the registry without contact data', async () => {
    // A participant registers the organisation and signs in with the key shown once.
    const participant = await open();
    const page = participant.page;
    const key = await registerThroughPages(participant);
    await participant.signIn(key);
    expect(new URL(page.url()).pathname).toBe('/workspace');
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Your organisation');

    // Signs the pledge: the core commitments are pre-selected, one role-specific one is ticked.
    await participant.screenshot('workspace-sign');
    expect(await page.getByLabel('AI literacy', { exact: true }).isChecked()).toBe(true);
    expect(
      await signPledgeThroughPages(page, [['Logging and traceability', 'Log every inference']]),
    ).toContain('Pledge signed.');

    // Reports a milestone and sees it.
    expect(
      await reportThroughPages(page, 'AI literacy', 'Trained 200 staff in the first quarter'),
    ).toMatch(/Milestone reported\. \(revision 1\)/);
    await page.getByText(/commitments in detail/).click();
    expect(await page.getByText('Trained 200 staff in the first quarter').isVisible()).toBe(true);
    await participant.screenshot('workspace-reported');
    const pledgeHref = await page.getByRole('link', { name: 'Pledge page' }).getAttribute('href');
    const pledgePath = pledgeHref!;

    // An admin issues a reviewer key on the admin page.
    const admin = await open();
    await admin.signIn(ADMIN_KEY);
    expect(new URL(admin.page.url()).pathname).toBe('/admin');
    const reviewerKey = await issueKeyThroughPages(admin, 'reviewer', 'AI Office reviewer');
    await admin.screenshot('admin-issued');
    // Projection states read in the page's language, as everything else on it.
    expect(await textOf(admin.page.getByRole('row').filter({ hasText: 'registry' }))).toContain(
      'Running',
    );
    await admin.goto('/admin?lang=fr');
    expect(await textOf(admin.page.getByRole('row').filter({ hasText: 'registry' }))).toContain(
      'En cours',
    );
    await admin.goto('/admin?lang=en');

    // The reviewer publishes the pledge and accepts the milestone.
    const reviewer = await open();
    await reviewer.signIn(reviewerKey);
    expect(new URL(reviewer.page.url()).pathname).toBe('/review');
    await reviewer.screenshot('review');
    const pledgeRow = reviewer.page.getByRole('row').filter({ hasText: 'Acme AI GmbH' });
    expect(
      await submitForm(
        reviewer.page,
        pledgeRow.getByRole('button', { name: 'Publish' }),
        'pledgePublished',
      ),
    ).toContain('Pledge published.');
    const milestoneRow = reviewer.page.getByRole('row').filter({ hasText: 'Trained 200 staff' });
    expect(await textOf(milestoneRow)).toMatch(/^Acme AI GmbH\s*AI literacy/);
    expect(
      await submitForm(
        reviewer.page,
        milestoneRow.getByRole('button', { name: 'Accept' }),
        'milestoneAccepted',
      ),
    ).toContain('Milestone accepted.');

    // The public registry lists it; its page shows titles, AI Act articles and the review.
    const visitor = await open();
    await visitor.goto('/registry');
    expect(await textOf(visitor.page.getByRole('heading', { level: 1 }))).toBe(
      'Registry of pledges',
    );
    await visitor.page.getByRole('link', { name: 'Acme AI GmbH' }).click();
    expect(new URL(visitor.page.url()).pathname).toBe(pledgePath);
    const main = visitor.page.getByRole('main');
    const shown = await textOf(main);
    for (const text of [
      'Logging and traceability',
      'Art. 12',
      'AI literacy',
      'Art. 4',
      'Annex III',
      'Accepted',
      'Grace Hopper',
    ])
      expect(shown).toContain(text);
    expect(shown).toContain('Code: ai-literacy');
    expect(await main.getByRole('link', { name: 'Audit history' }).count()).toBe(0);
    // French typography: a space before the colon.
    const french = await (await fetch(`${api.url}${pledgePath}?lang=fr`)).text();
    expect(french).toContain('Code : <code>ai-literacy</code>');
    expect(french).toContain('Règlement sur l’IA : aucun article particulier');
    await visitor.screenshot('pledge-public');

    // No contact data in any public page, download or asset it loads.
    for (const path of [
      '/',
      '/registry',
      pledgePath,
      '/practices',
      '/data',
      '/registry/export.csv',
      '/registry/export.json',
      '/registry?lang=fr',
    ]) {
      const response = await fetch(`${api.url}${path}`);
      const text = await response.text();
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect({
        path,
        name: text.includes(CONTACT.name),
        email: text.includes(CONTACT.email),
      }).toEqual({ path, name: false, email: false });
    }
    expect(await visitor.page.content()).not.toContain(CONTACT.email);
  });
});

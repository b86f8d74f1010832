import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { BrowserSession, launchBrowser, textOf } from './support/browser';
import { ADMIN_KEY, TestApp } from './support/test-app';
import {
  issueKeyThroughPages,
  registerThroughPages,
  reportThroughPages,
  signPledgeThroughPages,
} from './support/web-journeys';

jest.setTimeout(180_000);

/**
 * A reviewer reconstructs a pledge of 50 events on its audit page: the chain verifies, the pledge
 * as of a past revision, two revisions compared, the NDJSON download; then an event is edited in
 * the database file and the page names the first invalid revision.
 */
describe('pages: the audit history of a pledge', () => {
  let browser: Browser;
  let api: TestApp;
  let sessions: BrowserSession[] = [];
  const open = async () => {
    const session = await BrowserSession.open(browser, api.url);
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    api = await TestApp.start({ KEY_RATE_LIMIT: '0', ANONYMOUS_RATE_LIMIT: '0' });
  });
  afterAll(async () => {
    await browser.close();
    await api.stop();
  });
  afterEach(() => {
    for (const session of sessions) expect(session.problems).toEqual([]);
    sessions = [];
  });

  it('verifies, time-travels, compares, downloads, and finds the first invalid revision after tampering', async () => {
    const participant = await open();
    await participant.signIn(await registerThroughPages(participant));
    await signPledgeThroughPages(participant.page);
    // Revision 0 is the signature. Reports go round the three core commitments, so every third
    // completes a reporting cycle too: 37 reports make 1 + 37 + 12 = 50 events.
    const titles = ['AI governance strategy', 'Mapping of high-risk AI systems', 'AI literacy'];
    const auditPath = (await participant.page
      .getByRole('link', { name: 'Audit history' })
      .getAttribute('href'))!;
    for (let report = 0; report < 37; report++)
      await reportThroughPages(
        participant.page,
        titles[report % 3]!,
        `Progress report number ${report + 1}`,
      );
    const eventCount = async () => {
      await participant.goto(auditPath);
      return Number(/(\d+) events/.exec(await textOf(participant.page.getByRole('main')))![1]);
    };
    const total = await eventCount();
    expect(total).toBe(50);
    const head = total - 1;

    const admin = await open();
    await admin.signIn(ADMIN_KEY);
    const reviewerKey = await issueKeyThroughPages(admin, 'reviewer', 'Auditor');
    const reviewer = await open();
    await reviewer.signIn(reviewerKey);
    const page = reviewer.page;
    expect(await reviewer.goto(auditPath)).toBe(200);
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Audit history');
    await reviewer.screenshot('audit');

    // Every event is on the timeline, oldest first, with its actor, ids and shortened hash.
    const rows = page.getByRole('table', { name: 'Timeline' }).getByRole('row');
    expect(await rows.count()).toBe(total + 1);
    const first = await textOf(rows.nth(1));
    expect(first).toMatch(/^0 PledgeSigned/);
    expect(first).toContain('Participant');
    expect(await textOf(rows.nth(total))).toMatch(new RegExp(`^${head} `));

    // Each event opens to show itself as stored: its data, metadata and both hashes.
    const second = rows.nth(2);
    await second.getByText('The event as stored').click();
    const stored = await textOf(second);
    expect(stored).toContain('"summary": "Progress report number 1"');
    expect(stored).toMatch(/Previous hash [0-9a-f]{64} Hash [0-9a-f]{64}/);
    expect(await reviewer.accessibilityViolations()).toEqual([]);

    // The chain verifies.
    expect(await textOf(page.locator('#verify'))).toContain('has not been checked');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.waitForURL(/verify=1/);
    const verdict = await textOf(page.locator('#verify'));
    expect(verdict).toContain('Valid.');
    expect(verdict).toContain(`All ${total} events verify`);

    // The pledge as of revision 5: five milestones reported at most, none after.
    await page.getByLabel('Revision', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'State as of' }).click();
    await page.waitForURL(/revision=5/);
    const state = await textOf(page.locator('#state'));
    expect(state).toContain('The pledge at revision 5');
    expect(state).toContain('Progress report number 1');
    expect(state).not.toContain('Progress report number 30');

    // A revision the pledge has not reached is said to be missing, not shown as the latest.
    await page.getByLabel('Revision', { exact: true }).fill(String(total + 5));
    await page.getByRole('button', { name: 'State as of' }).click();
    await page.waitForURL(new RegExp(`revision=${total + 5}`));
    expect(await textOf(page.locator('main'))).toContain(
      `The pledge has no revision ${total + 5}: its last is ${total - 1}.`,
    );
    expect(await textOf(page.locator('#state'))).not.toContain('The pledge at revision');
    // The page answers that form 400, which Chromium logs as an error: that one was asked for.
    const asked = reviewer.problems.filter((p) => p.includes(`revision=${total + 5}`));
    expect(asked).toEqual([expect.stringContaining('status of 400')]);
    reviewer.problems.splice(
      0,
      reviewer.problems.length,
      ...reviewer.problems.filter((p) => !asked.includes(p)),
    );

    // Revisions 3 and 10 compared: the milestones reported in between.
    await page.getByLabel('From revision').fill('3');
    await page.getByLabel('To revision').fill('10');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL(/compareTo=10/);
    const compared = await textOf(page.locator('#compare'));
    expect(compared).toContain('From revision 3 to revision 10');
    expect(compared).toMatch(/Milestone on .+, cycle \d+: Progress report number/);
    expect(compared).not.toContain('Progress report number 1:');
    await reviewer.screenshot('audit-compare');

    // The download is the stored history, one event per line.
    const download = await page.context().request.get(`${api.url}${auditPath}/history.ndjson`);
    expect(download.status()).toBe(200);
    const lines = (await download.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { revision: number; hash: string });
    expect(lines.map((l) => l.revision)).toEqual([...Array(total).keys()]);

    // Someone edits revision 7 in the database file: the page names it.
    const pledgeId = auditPath.split('/')[2]!;
    const db = new Database(join(api.dataDir, 'events.db'));
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.summary', 'rewritten') WHERE stream_id = ? AND revision = 7`,
    ).run(`pledge-${pledgeId}`);
    db.close();
    await reviewer.goto(auditPath);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.waitForURL(/verify=1/);
    const broken = await textOf(page.locator('#verify'));
    expect(broken).toContain('Invalid.');
    expect(broken).toContain('The first invalid revision is 7.');
    expect(
      await textOf(page.getByRole('table', { name: 'Timeline' }).getByRole('row').nth(8)),
    ).toContain('chain broken here');
    await reviewer.screenshot('audit-tampered');
  });
});

/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { BrowserSession, launchBrowser, textOf } from './support/browser';
import { TestRedis } from './support/redis-server';
import { eventually, FAST_REPORTING } from './support/reminders';
import { ADMIN_KEY, CORE_CODES, TestApp } from './support/test-app';
import { registerThroughPages, signPledgeThroughPages } from './support/web-journeys';

jest.setTimeout(120_000);

describe('pages: the analyst dashboard, prompts in the workspace, refused sessions and forms', () => {
  let browser: Browser;
  let redis: TestRedis;
  let api: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
    redis = await TestRedis.start();
    api = await TestApp.start({
      ...FAST_REPORTING,
      REDIS_URL: redis.url,
      RUN_WORKER: 'true',
      KEY_RATE_LIMIT: '0',
      ANONYMOUS_RATE_LIMIT: '0',
      REGISTRATION_RATE_LIMIT: '0',
    });
  });
  afterAll(async () => {
    await browser.close();
    await api.stop();
    await redis.stop();
  });

  it("shows a prompt recorded by the reminder worker in the participant's workspace, with the cycle's due date", async () => {
    const session = await BrowserSession.open(browser, api.url);
    await session.signIn(await registerThroughPages(session, 'Prompted Ltd'));
    await signPledgeThroughPages(session.page);
    // The worker records the first prompt 4 s before the cycle falls due (10 s after signing).
    const row = await eventually(async () => {
      await session.goto('/workspace');
      const table = session.page.getByRole('table', { name: 'Reporting prompts' });
      return (await table.count()) > 0 && textOf(table.getByRole('row').nth(1));
    }, 'a prompt in the workspace');
    expect(row).toMatch(/ 1 Upcoming /);
    expect(await textOf(session.page.getByRole('main'))).toMatch(
      /Current cycle 1: report due \d{1,2} \w+ 2026; reporting status: (On track|Due soon)/,
    );
    await session.screenshot('workspace-prompt');
    expect(session.problems).toEqual([]);
    await session.close();
  });

  it('shows the analyst the same figures as the analytics API', async () => {
    for (const [i, country] of ['DE', 'FR', 'FR', 'IT'].entries()) {
      const org = await api.signedPledge({
        name: `Org ${i}`,
        country,
        size: i % 2 ? 'small' : 'large',
      });
      if (i === 1)
        await api.post(`/v1/pledges/${org.pledgeId}/withdraw`, {
          key: org.apiKey,
          body: { reason: 'Merged' },
        });
      if (i === 2)
        await api.post(`/v1/pledges/${org.pledgeId}/milestones`, {
          key: org.apiKey,
          body: { commitmentCode: CORE_CODES[0], summary: 'Done' },
        });
    }
    const analyst = await api.issueKey('analyst');
    const summary = (await api.get('/v1/analytics/summary', { key: analyst })).body;
    const session = await BrowserSession.open(browser, api.url);
    await session.signIn(analyst);
    expect(new URL(session.page.url()).pathname).toBe('/analytics');
    const figure = async (id: string) =>
      Number((await textOf(session.page.locator(`#figure-${id}`))).replace(/\D/g, ''));
    expect({
      organisations: await figure('organisations'),
      signed: await figure('signed'),
      published: await figure('published'),
      withdrawn: await figure('withdrawn'),
      reported: await figure('reported'),
      accepted: await figure('accepted'),
    }).toEqual({
      organisations: summary.organisations,
      signed: summary.pledges.signed,
      published: summary.pledges.published,
      withdrawn: summary.pledges.withdrawn,
      reported: summary.milestones.reported,
      accepted: summary.milestones.accepted,
    });
    // Each chart's table holds the API's counts.
    const table = async (id: string) => {
      const rows = session.page.locator(`#${id} table tbody tr`);
      const cells: Record<string, number> = {};
      for (let i = 0; i < (await rows.count()); i++) {
        const [label, value] = [
          await textOf(rows.nth(i).locator('th')),
          await textOf(rows.nth(i).locator('td')),
        ];
        cells[label] = Number(value.replace(/\D/g, ''));
      }
      return cells;
    };
    expect(await table('by-country')).toEqual(summary.byCountry);
    expect(Object.keys(await table('by-country'))).toEqual(Object.keys(summary.byCountry).sort());
    // Sizes from the smallest up, whatever order the figures come in.
    const sizes = summary.bySize as Record<string, number>;
    expect(Object.entries(await table('by-size'))).toEqual(
      ['Micro', 'Small', 'Medium', 'Large']
        .filter((size) => sizes[size.toLowerCase()] !== undefined)
        .map((size) => [size, sizes[size.toLowerCase()]]),
    );
    // Reporting states move on with the clock (these cycles fall due seconds after signing), so
    // the page's table is read between two of the API's summaries, until the two agree.
    const reporting = async () => {
      const { onTrack, dueSoon, overdue, nonReporting } = (
        await api.get('/v1/analytics/summary', { key: analyst })
      ).body.reporting;
      return [onTrack, dueSoon, overdue, nonReporting] as number[];
    };
    const compliance = await eventually(async () => {
      const before = await reporting();
      await session.goto('/analytics');
      const shown = Object.values(await table('compliance'));
      const after = await reporting();
      return before.join() === after.join() && { shown, api: after };
    }, 'reporting figures that hold still between two summaries');
    expect(compliance.shown).toEqual(compliance.api);
    const signatures = (await api.get('/v1/analytics/signatures?interval=month', { key: analyst }))
      .body as { period: string; signed: number }[];
    // Months named in the page's language, each in a <time> holding the API's period.
    const monthName = new Intl.DateTimeFormat('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const named = (period: string) => monthName.format(new Date(`${period}-01T00:00Z`));
    expect(await table('signatures')).toEqual(
      Object.fromEntries(signatures.map((s) => [named(s.period), s.signed])),
    );
    expect(
      await session.page
        .locator('#signatures table tbody th time')
        .evaluateAll((times) => times.map((t) => t.getAttribute('datetime'))),
    ).toEqual(signatures.map((s) => s.period));
    await session.goto('/analytics?lang=fr');
    const moisName = new Intl.DateTimeFormat('fr-FR', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(await table('signatures')).toEqual(
      Object.fromEntries(
        signatures.map((s) => [moisName.format(new Date(`${s.period}-01T00:00Z`)), s.signed]),
      ),
    );
    await session.goto('/analytics?lang=en');
    // And the CSV of the same figures.
    const csv = await session.page.context().request.get(`${api.url}/analytics/export.csv`);
    expect(await csv.text()).toContain(`organisations,all,${summary.organisations}`);
    await session.screenshot('analytics');
    expect(session.problems).toEqual([]);
    await session.close();
  });

  it("refuses a revoked key's session at its next request, and a form without its CSRF token", async () => {
    const issued = await api.post('/v1/api-keys', {
      key: ADMIN_KEY,
      body: { role: 'reviewer', label: 'to revoke' },
    });
    const session = await BrowserSession.open(browser, api.url);
    await session.signIn(issued.body.key);
    expect(new URL(session.page.url()).pathname).toBe('/review');
    await api.request('DELETE', `/v1/api-keys/${issued.body.id}`, { key: ADMIN_KEY });
    expect(await session.goto('/review')).toBe(200);
    expect(new URL(session.page.url()).pathname).toBe('/login');

    // A participant's form stripped of its token: 403, and the pledge is unchanged.
    const org = await api.signedPledge({ name: 'Tokenless' });
    const before = (await api.get(`/v1/pledges/${org.pledgeId}`, { key: org.apiKey })).body
      .revision;
    await session.signIn(org.apiKey);
    await session.page.getByLabel('Summary').fill('No token');
    await session.page.evaluate(() =>
      document.querySelectorAll('input[name="_csrf"]').forEach((input) => input.remove()),
    );
    const [response] = await Promise.all([
      session.page.waitForResponse((r) => r.request().method() === 'POST'),
      session.page.getByRole('button', { name: 'Report milestone' }).click(),
    ]);
    expect(response.status()).toBe(403);
    expect(await textOf(session.page.getByRole('heading', { level: 1 }))).toBe('Not allowed');
    expect((await api.get(`/v1/pledges/${org.pledgeId}`, { key: org.apiKey })).body.revision).toBe(
      before,
    );
    await session.close();
  });
});

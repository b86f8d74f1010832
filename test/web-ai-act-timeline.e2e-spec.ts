/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { BrowserSession, launchBrowser, textOf } from './support/browser';
import { TestRedis } from './support/redis-server';
import { eventually } from './support/reminders';
import { ADMIN_KEY, commitment, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const OMNIBUS = {
  version: '2026/1744-omnibus',
  act: 'Regulation (EU) 2026/1744',
  inForceFrom: '2026-07-27',
  dates: [
    {
      date: '2027-12-02',
      what: 'Annex III stand-alone high-risk systems',
      provisions: ['Art. 6(2)', 'Annex III'],
    },
  ],
};

describe('pages: a pledge against the AI Act timeline, its notice and the analysts’ provisions', () => {
  let browser: Browser;
  let redis: TestRedis;
  let api: TestApp;

  beforeAll(async () => {
    browser = await launchBrowser();
    redis = await TestRedis.start();
    api = await TestApp.start({
      AI_ACT_TIMELINE_BASE: '2024/1689-original',
      REDIS_URL: redis.url,
      RUN_WORKER: 'true',
      REMINDER_QUEUE_PREFIX: 'web-timeline',
    });
  });
  afterAll(async () => {
    await browser.close();
    await api.stop();
    await redis.stop();
  });

  it('flags a late action on the pledge page, moves the flag when the law moves, and tells the workspace', async () => {
    const organisation = await api.registerOrganisation({ name: 'Timely AI' });
    const signed = await api.post('/v1/pledges', {
      key: organisation.apiKey,
      body: {
        signatory: { name: 'Grace Hopper', position: 'Chief Executive' },
        commitments: [
          commitment('ai-governance-strategy'),
          {
            code: 'high-risk-mapping',
            actions: [
              {
                description: 'Inventory of Annex III systems',
                status: 'planned',
                targetDate: '2027-01-15',
              },
            ],
          },
          commitment('ai-literacy'),
        ],
      },
    });
    const pledgeId = signed.body.pledgeId as string;
    const session = await BrowserSession.open(browser, api.url);
    await session.signIn(organisation.apiKey);

    await session.goto(`/pledges/${pledgeId}`);
    const mapping = session.page.getByRole('region', { name: 'Mapping of high-risk AI systems' });
    expect(await textOf(mapping)).toMatch(/Annex III \(implements\): applies from 2 August 2026/);
    expect(await textOf(session.page.getByRole('main'))).toMatch(
      /Commitment codes are this registry’s own identifiers/,
    );
    const row = mapping.getByRole('row', { name: /Inventory of Annex III systems/ });
    expect(await textOf(row)).toMatch(/2 August 2026 planned after the provision applies/);
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('pledge-against-timeline');
    await session.goto(`/pledges/${pledgeId}?lang=fr`);
    expect(await textOf(session.page.getByRole('main'))).toMatch(
      /Annexe III \(mise en œuvre\) : applicable à partir du 2 août 2026/,
    );
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('pledge-against-timeline-fr');
    await session.goto(`/pledges/${pledgeId}?lang=en`);

    expect(
      (await api.post('/v1/admin/ai-act-timeline', { key: ADMIN_KEY, body: OMNIBUS })).status,
    ).toBe(201);
    await session.goto(`/pledges/${pledgeId}`);
    // Annex I (2 August 2027) is now the commitment's earliest provision: the action is in time.
    expect(await textOf(row)).toMatch(/15 January 2027 2 August 2027$/);
    expect(await textOf(row)).not.toMatch(/planned after the provision applies/);

    const notice = await eventually(async () => {
      await session.goto('/workspace');
      const list = session.page.getByRole('list', { name: 'AI Act timeline notices' });
      return (await list.count()) > 0 && textOf(list);
    }, 'the notice in the workspace');
    expect(notice).toMatch(/2026\/1744-omnibus moved .*Annex III 2 August 2026 → 2 December 2027/);
    expect(session.problems).toEqual([]);
    await session.close();

    const analyst = await BrowserSession.open(browser, api.url);
    await analyst.signIn(await api.issueKey('analyst'));
    await analyst.goto('/analytics');
    const table = analyst.page.getByRole('table', { name: 'Actions per AI Act provision' });
    const annexIII = await eventually(async () => {
      await analyst.goto('/analytics');
      const text = await textOf(table.getByRole('row', { name: /^Annex III/ }));
      return /Annex III 2 December 2027 1 0 2 August 2026 0 1/.test(text) && text;
    }, 'the provision figures');
    expect(annexIII).toBeTruthy();
    expect(await analyst.accessibilityViolations()).toEqual([]);
    await analyst.screenshot('analytics-provisions');
    await analyst.close();
  });
});

/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { BrowserSession, launchBrowser, textOf } from './support/browser';
import { TestApp } from './support/test-app';

jest.setTimeout(60_000);

/** The API reference renders in a real browser under the app's Content-Security-Policy. */
describe('the API reference at /docs', () => {
  let browser: Browser;
  let api: TestApp;
  beforeAll(async () => {
    browser = await launchBrowser();
    api = await TestApp.start();
  });
  afterAll(async () => {
    await browser.close();
    await api.stop();
  });

  it('shows every operation of the OpenAPI document, with no console error', async () => {
    const session = await BrowserSession.open(browser, api.url);
    expect(await session.goto('/docs')).toBe(200);
    await session.page.locator('.opblock').first().waitFor();
    const text = await textOf(session.page.locator('#swagger-ui'));
    expect(text).toContain('/v1/pledges/{id}/milestones');
    const document = (await api.get('/openapi.json')).body as { paths: Record<string, object> };
    const operations = Object.values(document.paths).flatMap((item) => Object.keys(item)).length;
    expect(await session.page.locator('.opblock').count()).toBe(operations);
    await session.screenshot('api-reference');
    expect(session.problems).toEqual([]);
    await session.close();
  });
});

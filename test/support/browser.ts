/// <reference lib="dom" />
import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser context whose console errors and failed requests are collected. */
export class BrowserSession {
  readonly problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly base: string,
  ) {}

  static async open(
    browser: Browser,
    base: string,
    options: { javaScriptEnabled?: boolean; locale?: string } = {},
  ): Promise<BrowserSession> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      locale: options.locale ?? 'en-GB',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const session = new BrowserSession(context, page, base);
    page.on('console', (message) => {
      if (message.type() === 'error')
        session.problems.push(`console: ${message.text()} (${page.url()})`);
    });
    page.on('pageerror', (error) => session.problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      session.problems.push(
        `request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`,
      ),
    );
    return session;
  }

  /** Opens a path and answers its HTTP status. */
  async goto(path: string): Promise<number> {
    const response = await this.page.goto(`${this.base}${path}`);
    return response?.status() ?? 0;
  }

  async signIn(key: string): Promise<void> {
    await this.goto('/login');
    await this.page.getByLabel('API key').fill(key);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.waitForLoadState();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.waitForLoadState();
  }

  /** Keeps a full-page screenshot as a test artefact (test-artifacts/, not committed). */
  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /**
   * axe-core's violations of any impact on the current page (WCAG 2.1 A and AA rules and best
   * practices), run in the page itself.
   */
  async accessibilityViolations(): Promise<string[]> {
    await this.page.evaluate(axe.source);
    return this.page.evaluate(
      async (tags) => {
        const run = (window as unknown as { axe: typeof axe }).axe.run;
        const results = await run(document, { runOnly: { type: 'tag', values: tags } });
        // Every impact counts, moderate and minor too (two forms of a page sharing a name, say).
        return results.violations.map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help} — ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join('; ')}`,
        );
      },
      ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    );
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** A locator's text, whitespace collapsed (waits for the element). */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Clicks a form's submit button and waits for the post/redirect/get to land on `?done=<outcome>`;
 * answers the notice the page then shows.
 */
export async function submitForm(page: Page, submit: Locator, outcome: string): Promise<string> {
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('done') === outcome),
    submit.click(),
  ]);
  return textOf(page.getByRole('status').first());
}

import type { Page } from 'playwright-core';
import { submitForm, type BrowserSession } from './browser';

export const CONTACT = { name: 'Ada Lovelace', email: 'ada@acme.example' };

/** Registers an organisation on /join; answers the participant key shown once. */
export async function registerThroughPages(
  session: BrowserSession,
  name = 'Acme AI GmbH',
): Promise<string> {
  const page = session.page;
  await session.goto('/join');
  await page.getByLabel('Organisation name').fill(name);
  await page.getByLabel('Country').fill('DE');
  await page.getByLabel('Sector').selectOption('J');
  await page.getByLabel('Size').selectOption('medium');
  await page.getByLabel('Provider').check();
  await page.getByLabel('Deployer').check();
  await page.getByLabel('Contact name').fill(CONTACT.name);
  await page.getByLabel('Contact e-mail').fill(CONTACT.email);
  await page.getByRole('button', { name: 'Register' }).click();
  const key = (await page.locator('#new-key').textContent())!.trim();
  if (!key.startsWith('pact_')) throw new Error('registration showed no key');
  return key;
}

export const CORE_ACTIONS = [
  ['AI governance strategy', 'Adopt a group AI policy'],
  ['Mapping of high-risk AI systems', 'Map every system in use'],
  ['AI literacy', 'Train all staff'],
] as const;

/** Fills and sends the Sign pledge form of the workspace; answers the notice. */
export async function signPledgeThroughPages(
  page: Page,
  additional: readonly (readonly [string, string])[] = [],
): Promise<string> {
  await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
  await page.getByLabel('Position', { exact: true }).fill('Chief Executive');
  for (const [title, action] of [...CORE_ACTIONS, ...additional]) {
    const group = page.getByRole('group', { name: title, exact: true });
    await group.getByLabel('Description').fill(action);
    await group.getByLabel('Target date').fill('2027-06-30');
  }
  for (const [title] of additional) await page.getByLabel(title, { exact: true }).check();
  return submitForm(page, page.getByRole('button', { name: 'Sign pledge' }), 'pledgeSigned');
}

/** Reports one milestone through the workspace form; answers the notice. */
export async function reportThroughPages(
  page: Page,
  commitment: string,
  summary: string,
): Promise<string> {
  await page.getByLabel('Commitment').selectOption({ label: commitment });
  await page.getByLabel('Summary').fill(summary);
  return submitForm(
    page,
    page.getByRole('button', { name: 'Report milestone' }),
    'milestoneReported',
  );
}

/** Issues a key on the admin page (signed in as admin); answers the key shown once. */
export async function issueKeyThroughPages(
  session: BrowserSession,
  role: string,
  label: string,
): Promise<string> {
  const page = session.page;
  await session.goto('/admin');
  await page.getByLabel('Role').selectOption(role);
  await page.getByLabel('Label').fill(label);
  await page.getByRole('button', { name: 'Issue a key' }).click();
  return (await page.locator('#new-key').textContent())!.trim();
}

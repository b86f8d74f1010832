import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '../libs/event-store/src';
import { WebClient } from '../test/support/web-client';
import { events as pledgeEvents } from './audit.bench';
import { seed } from './projection.bench';
import { percentile, quick, startProcess, tempDir, type BenchRow } from './support';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

/**
 * Server render time of two pages against the API call that answers the same question, in the same
 * run, the app in a process of its own: `/registry` against `GET /v1/registry/pledges` at the registry
 * size the projection bench uses, and the audit page of a 1,000-event pledge against its history
 * (`GET /v1/pledges/{id}/history?limit=1000`). Requests go one at a time, alternating; the ratio is the
 * page's cost over the API's (goal: at most 1.5).
 */
export async function pagesBench(): Promise<BenchRow[]> {
  const pledges = quick ? 2_000 : 100_000;
  const dir = tempDir('pact-bench-pages-');
  const store = new SqliteEventStore({
    filename: join(dir.path, 'events.db'),
    synchronous: 'NORMAL',
  });
  await seed(store, pledges);
  const organisationId = randomUUID();
  const pledgeId = randomUUID();
  await store.append(
    `organisation-${organisationId}`,
    [organisationEvent(organisationId)],
    'no-stream',
  );
  await store.append(
    `pledge-${pledgeId}`,
    pledgeEvents(1000, pledgeId, organisationId),
    'no-stream',
  );
  const head = await store.headPosition();
  await store.close();

  // The app as `npm start` serves DATA_DIR, without the reminder worker or rate limits.
  const server = await startProcess(join(__dirname, 'app.server.ts'), {
    DATA_DIR: dir.path,
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    SQLITE_SYNCHRONOUS: 'NORMAL',
    RUN_WORKER: 'false',
    ANONYMOUS_RATE_LIMIT: '0',
    KEY_RATE_LIMIT: '0',
  });
  try {
    const url = server.url;
    await caughtUp(url, head);
    const admin = new WebClient(url);
    await admin.signIn(ADMIN_KEY);
    const bearer = { authorization: `Bearer ${ADMIN_KEY}` };
    const rounds = quick ? 15 : 100;
    const registry = await compare(
      rounds,
      () => timed(`${url}/registry`),
      () => timed(`${url}/v1/registry/pledges`),
    );
    const audit = await compare(
      rounds,
      async () => {
        const started = process.hrtime.bigint();
        await admin.get(`/pledges/${pledgeId}/audit`);
        return Number(process.hrtime.bigint() - started) / 1e6;
      },
      () => timed(`${url}/v1/pledges/${pledgeId}/history?limit=1000`, bearer),
    );
    const row = (label: string, ours: number, baseline: number, api: string): BenchRow => ({
      bench: 'pages',
      case: label,
      ours,
      baseline,
      unit: 'ms',
      ratio: ours / baseline,
      baselineName: api,
      goal: { on: 'ratio', atMost: 1.5 },
    });
    return [
      row(
        `/registry p50, ${pledges} pledges (page ÷ API cost, goal ≤ 1.5)`,
        registry.page.p50,
        registry.api.p50,
        'GET /v1/registry/pledges',
      ),
      row(
        `/registry p95, ${pledges} pledges (page ÷ API cost, goal ≤ 1.5)`,
        registry.page.p95,
        registry.api.p95,
        'GET /v1/registry/pledges',
      ),
      row(
        'audit page p50, 1,000-event pledge (page ÷ API cost, goal ≤ 1.5)',
        audit.page.p50,
        audit.api.p50,
        'GET history?limit=1000',
      ),
      row(
        'audit page p95, 1,000-event pledge (page ÷ API cost, goal ≤ 1.5)',
        audit.page.p95,
        audit.api.p95,
        'GET history?limit=1000',
      ),
    ];
  } finally {
    await server.stop();
    dir.remove();
  }
}

async function timed(url: string, headers: Record<string, string> = {}): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(url, { headers });
  await response.text();
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function percentiles(values: number[]) {
  return { p50: percentile(values, 0.5), p95: percentile(values, 0.95) };
}

/** Alternates page and API requests so the machine's noise hits both alike. */
async function compare(rounds: number, page: () => Promise<number>, api: () => Promise<number>) {
  await page();
  await api();
  const pages: number[] = [];
  const apis: number[] = [];
  for (let i = 0; i < rounds; i++) {
    apis.push(await api());
    pages.push(await page());
  }
  return { page: percentiles(pages), api: percentiles(apis) };
}

/** Waits until the app's projector has processed the seeded log. */
async function caughtUp(url: string, head: bigint): Promise<void> {
  for (;;) {
    const response = await fetch(`${url}/v1/registry/pledges?limit=1&minPosition=${head}`);
    await response.text();
    if (response.status === 200) return;
  }
}

function organisationEvent(organisationId: string) {
  return {
    eventId: randomUUID(),
    type: 'OrganisationRegistered',
    schemaVersion: 1,
    recordedAt: '2024-09-01T00:00:00.000Z',
    data: {
      organisationId,
      name: 'Audited Organisation',
      country: 'BE',
      sector: 'J',
      size: 'large',
      roles: ['provider'],
      contact: { name: 'N', email: 'n@example.org' },
      registeredAt: '2024-09-01T00:00:00.000Z',
    },
    metadata: {
      actor: { keyId: 'bench', role: 'system' as const },
      correlationId: 'bench',
      causationId: 'bench',
    },
  };
}

import { defaultReportingConfig } from '../libs/domain/src';
import { SqliteEventStore, type EventToAppend } from '../libs/event-store/src';
import { EmbeddedReadStore } from '../libs/read-store/src';
import {
  findRegistryPledges,
  practicesProjection,
  ProjectionRunner,
  registryProjection,
  type PledgeDocument,
} from '../libs/projections/src';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { median, quick, tempDir, type BenchRow } from './support';

const COUNTRIES = ['DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'PL', 'SE', 'AT', 'IE'];
const CORE = ['ai-governance-strategy', 'high-risk-mapping', 'ai-literacy'];

/**
 * Rebuilding the read models against reading the same log raw (the ceiling for a projector), and
 * registry queries on the embedded store against a hand-written scan of the same documents.
 */
export async function projectionBench(): Promise<BenchRow[]> {
  const pledges = quick ? 2_000 : 100_000;
  const dir = tempDir('pact-bench-proj-');
  const events = new SqliteEventStore({
    filename: join(dir.path, 'events.db'),
    synchronous: 'NORMAL',
  });
  await seed(events, pledges);
  const total = Number(await events.headPosition());

  const rawStarted = process.hrtime.bigint();
  for (let after = 0n; ;) {
    const batch = await events.readAll({ after, maxCount: 500 });
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.position;
  }
  const rawSeconds = Number(process.hrtime.bigint() - rawStarted) / 1e9;

  const read = new EmbeddedReadStore(join(dir.path, 'read.db'));
  const rebuildStarted = process.hrtime.bigint();
  for (const projection of [registryProjection(defaultReportingConfig()), practicesProjection]) {
    await new ProjectionRunner(projection, events, read).catchUp();
  }
  const rebuildSeconds = Number(process.hrtime.bigint() - rebuildStarted) / 1e9;

  const queries = registryQueries();
  const documents = await read.aggregate<PledgeDocument>('pledges', []);
  const ours: number[] = [];
  const baseline: number[] = [];
  const now = new Date('2026-06-01T00:00:00.000Z');
  for (let i = 0; i < (quick ? 20 : 100); i++) {
    const query = queries[i % queries.length]!;
    baseline.push(time(() => handWritten(documents, query)));
    const started = process.hrtime.bigint();
    await findRegistryPledges(read, { ...query, offset: 0, limit: 50, publishedOnly: false, now });
    ours.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  await read.close();
  await events.close();
  dir.remove();

  const p95 = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;
  return [
    {
      bench: 'projection',
      case: `rebuild ${total} events`,
      ours: total / rebuildSeconds,
      baseline: total / rawSeconds,
      unit: 'events/s',
      ratio: rawSeconds / rebuildSeconds,
      baselineName: 'raw read-all of the same log',
      goal: { on: 'ratio', atLeast: 0.5 },
    },
    {
      bench: 'projection',
      case: `registry query p50, ${pledges} pledges`,
      ours: median(ours),
      baseline: median(baseline),
      unit: 'ms',
      ratio: median(ours) / median(baseline),
      baselineName: 'hand-written filter/sort scan',
    },
    {
      bench: 'projection',
      case: `registry query p95, ${pledges} pledges`,
      ours: p95(ours),
      baseline: p95(baseline),
      unit: 'ms',
      ratio: p95(ours) / p95(baseline),
      baselineName: 'hand-written filter/sort scan',
      goal: { on: 'ours', atMost: 20 },
    },
  ];
}

/** Organisations with a pledge each (half of them published), in batches of 100 per append. */
export async function seed(events: SqliteEventStore, pledges: number): Promise<void> {
  for (let i = 0; i < pledges; i += 100) {
    const batch: EventToAppend[] = [];
    for (let j = i; j < Math.min(i + 100, pledges); j++) {
      const organisationId = `org-${j}`;
      batch.push(
        envelope('OrganisationRegistered', {
          organisationId,
          name: `Organisation ${j}`,
          country: COUNTRIES[j % COUNTRIES.length],
          sector: 'ABCDEFGHIJKLMNOPQRSTU'[j % 21],
          size: ['micro', 'small', 'medium', 'large'][j % 4],
          roles: j % 3 === 0 ? ['provider', 'deployer'] : ['deployer'],
          contact: { name: 'N', email: 'n@example.org' },
          registeredAt: '2024-09-01T00:00:00.000Z',
        }),
      );
      batch.push(
        envelope('PledgeSigned', {
          pledgeId: `pledge-${j}`,
          organisationId,
          signatory: { name: 'S', position: 'CEO' },
          signedAt: new Date(Date.parse('2024-09-25T00:00:00Z') + j * 600_000).toISOString(),
          catalogueVersion: '2024-09',
          commitments: CORE.map((code) => ({ code, tier: 'core', actions: [] })),
        }),
      );
      if (j % 2 === 0)
        batch.push(
          envelope('PledgePublished', {
            pledgeId: `pledge-${j}`,
            publishedAt: '2025-01-01T00:00:00.000Z',
          }),
        );
    }
    await events.append(`bench-${i}`, batch, 'any');
  }
}

function envelope(type: string, data: unknown): EventToAppend {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    recordedAt: '2025-01-01T00:00:00.000Z',
    data,
    metadata: { actor: { keyId: 'bench', role: 'system' }, correlationId: 'b', causationId: 'b' },
  };
}

interface BenchQuery {
  country?: string;
  size?: string;
  role?: string;
  status?: string;
  sort?: 'name' | '-signedAt';
}

function registryQueries(): BenchQuery[] {
  return [
    {},
    { country: 'DE' },
    { size: 'small', role: 'provider' },
    { status: 'published', sort: 'name' },
    { country: 'FR', status: 'signed', sort: '-signedAt' },
  ];
}

function handWritten(documents: readonly PledgeDocument[], query: BenchQuery): PledgeDocument[] {
  const matched = documents.filter(
    (d) =>
      (!query.country || d.country === query.country) &&
      (!query.size || d.size === query.size) &&
      (!query.role || d.roles.includes(query.role as never)) &&
      (!query.status || d.status === query.status),
  );
  const key = query.sort === 'name' ? 'organisationName' : 'signedAt';
  const direction = query.sort === 'name' ? 1 : -1;
  return matched
    .sort((a, b) => (a[key] < b[key] ? -direction : a[key] > b[key] ? direction : 0))
    .slice(0, 50);
}

function time(work: () => unknown): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

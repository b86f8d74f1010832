import { defaultReportingConfig } from '../libs/domain/src';
import { SqliteEventStore, type EventToAppend } from '../libs/event-store/src';
import { testEvent } from '../libs/event-store/src/testing';
import { EmbeddedReadStore } from '../libs/read-store/src';
import {
  analyticsSummary,
  findPractices,
  findPrompts,
  findRegistryPledges,
  findReviewQueue,
  practicesProjection,
  ProjectionRunner,
  promptsProjection,
  registryProjection,
  reportingStatusOf,
  signaturesPerPeriod,
  type PledgeDocument,
  type RegistryQuery,
} from '../libs/projections/src';
import { join } from 'node:path';
import { percentile, quick, tempDir, type BenchRow } from './support';

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
  const projections = [
    registryProjection(defaultReportingConfig()),
    practicesProjection,
    promptsProjection,
  ];
  const rebuildStarted = process.hrtime.bigint();
  // As the projector runs them: one reader of the log for every projection.
  await new ProjectionRunner(projections, events, read).catchUp();
  const rebuildSeconds = Number(process.hrtime.bigint() - rebuildStarted) / 1e9;
  // As at the app's start: the declared indexes are built before the first query.
  await read.ensureIndexes(projections.flatMap((p) => p.indexes));

  const queries = registryQueries();
  const documents = await read.aggregate<PledgeDocument>('pledges', []);
  const ours: number[] = [];
  const baseline: number[] = [];
  const now = new Date('2026-06-01T00:00:00.000Z');
  // As the app passes it: the configuration the registry was projected with.
  const reporting = defaultReportingConfig();
  const rounds = quick ? 20 : 100;
  for (let i = 0; i < rounds; i++) {
    const query = queries[i % queries.length]!;
    baseline.push(time(() => handWritten(documents, query, now.toISOString())));
    const started = process.hrtime.bigint();
    await findRegistryPledges(read, {
      ...query,
      offset: 0,
      limit: 50,
      publishedOnly: false,
      now,
      reporting,
    });
    ours.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (process.env['BENCH_DEBUG'])
      process.stderr.write(`${JSON.stringify(query)} ${ours[ours.length - 1]!.toFixed(1)} ms\n`);
  }
  // A deep page: page 1,000 (50 a page) reached by following each page's cursor, as a client does.
  let deep = await findRegistryPledges(read, {
    offset: 0,
    limit: 50,
    publishedOnly: false,
    now,
    reporting,
  });
  for (let n = 1; n < Math.min(1000, pledges / 50 - 1); n++)
    deep = await findRegistryPledges(read, {
      offset: n * 50,
      after: deep.after,
      limit: 50,
      publishedOnly: false,
      now,
      reporting,
    });
  const deepTimes = await timeEach(rounds, () =>
    findRegistryPledges(read, {
      offset: deep.offset,
      after: deep.after,
      limit: 50,
      publishedOnly: false,
      now,
      reporting,
    }),
  );
  const textTimes = await timeEach(rounds, (i) =>
    findRegistryPledges(read, {
      q: `organisation ${i * 37}`,
      offset: 0,
      limit: 50,
      publishedOnly: false,
      now,
      reporting,
    }),
  );
  const practiceTimes = await timeEach(rounds, (i) =>
    [
      () => findPractices(read, { offset: 0, limit: 50, publishedOnly: true }),
      () => findPractices(read, { offset: 0, limit: 50, publishedOnly: false }),
      () =>
        findPractices(read, {
          organisationId: `org-${(i * 5) % pledges}`,
          offset: 0,
          limit: 50,
          publishedOnly: false,
        }),
      () =>
        findPractices(read, { category: 'governance', offset: 0, limit: 50, publishedOnly: true }),
    ][i % 4]!(),
  );
  const reviewTimes = await timeEach(rounds, (i) =>
    [
      () => findReviewQueue(read, { status: 'pending', offset: 0, limit: 50 }),
      () => findReviewQueue(read, { status: 'all', offset: 0, limit: 50 }),
      () =>
        findReviewQueue(read, {
          status: 'all',
          pledgeId: `pledge-${(i * 4) % pledges}`,
          offset: 0,
          limit: 50,
        }),
    ][i % 3]!(),
  );
  const summaryTimes = await timeEach(rounds, (i) =>
    analyticsSummary(read, new Date(now.getTime() + i * 3_600_000)),
  );
  const signaturesTimes = await timeEach(rounds, () => signaturesPerPeriod(read, 'month'));
  const scanTimes = await timeEach(rounds, () => Promise.resolve(handCounted(documents, now)));
  const inboxTimes = await timeEach(rounds, (i) =>
    findPrompts(read, `org-${(i * 3) % pledges}`, { offset: 0, limit: 20 }),
  );
  await read.close();
  await events.close();
  dir.remove();

  // Latency rows: ours at a percentile against a baseline at the same percentile.
  const registryScan = 'hand-written registry filter/sort scan';
  const latency = (
    name: string,
    share: number,
    times: readonly number[],
    baselineTimes: readonly number[],
    baselineName: string,
    goal?: BenchRow['goal'],
  ): BenchRow => ({
    bench: 'projection',
    case: `${name}, ${pledges} pledges`,
    ours: percentile(times, share),
    baseline: percentile(baselineTimes, share),
    unit: 'ms',
    ratio: percentile(times, share) / percentile(baselineTimes, share),
    baselineName,
    ...(goal ? { goal } : {}),
  });
  const withinGoal = { on: 'ours' as const, atMost: 20 };
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
    latency('registry query p50', 0.5, ours, baseline, 'hand-written filter/sort scan'),
    latency(
      'registry query p95',
      0.95,
      ours,
      baseline,
      'hand-written filter/sort scan',
      withinGoal,
    ),
    latency(
      'registry page 1,000 by its cursor p95',
      0.95,
      deepTimes,
      baseline,
      registryScan,
      withinGoal,
    ),
    latency('practices query p95', 0.95, practiceTimes, baseline, registryScan, withinGoal),
    latency('review-queue query p95', 0.95, reviewTimes, baseline, registryScan, withinGoal),
    latency('inbox query p95', 0.95, inboxTimes, baseline, registryScan, withinGoal),
    ...(
      [
        ['analytics summary p95', summaryTimes],
        ['signatures per month p95', signaturesTimes],
      ] as const
    ).map(([name, times]) =>
      latency(
        name,
        0.95,
        times,
        scanTimes,
        'one hand-written pass counting every pledge',
        withinGoal,
      ),
    ),
    latency('registry text search (q) p95', 0.95, textTimes, baseline, registryScan),
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
      if (j % 4 === 0)
        batch.push(
          envelope('MilestoneReported', {
            pledgeId: `pledge-${j}`,
            milestoneId: `milestone-${j}`,
            commitmentCode: CORE[j % 3],
            cycle: 1,
            summary: `Milestone of organisation ${j}`,
            actionUpdates: [],
            evidenceUrls: [],
            reportedAt: new Date(Date.parse('2025-02-01T00:00:00Z') + j * 60_000).toISOString(),
          }),
        );
      if (j % 3 === 0)
        batch.push(
          envelope('ReportingPromptSent', {
            pledgeId: `pledge-${j}`,
            promptId: `prompt-${j}`,
            cycle: 1,
            stage: 'upcoming',
            offset: '-P14D',
            dueAt: '2025-03-25T00:00:00.000Z',
            sentAt: '2025-03-11T00:00:00.000Z',
            channels: ['inbox'],
          }),
        );
      if (j % 5 === 0) {
        batch.push(
          envelope('PracticeShared', {
            practiceId: `practice-${j}`,
            organisationId,
            title: `Practice ${j}`,
            summary: 'How we keep an inventory of AI systems',
            body: 'Text',
            category: ['governance', 'literacy', 'risk'][j % 3],
            implementationLevel: 'planned',
            tags: ['inventory'],
            language: 'en',
            publicationConsent: true,
            sharedAt: new Date(Date.parse('2025-01-01T00:00:00Z') + j * 60_000).toISOString(),
          }),
        );
        if (j % 10 === 0)
          batch.push(
            envelope('PracticePublished', {
              practiceId: `practice-${j}`,
              publishedAt: '2025-06-01T00:00:00.000Z',
            }),
          );
      }
    }
    await events.append(`bench-${i}`, batch, 'any');
  }
}

const envelope = (type: string, data: unknown) =>
  testEvent(type, data, {
    recordedAt: '2025-01-01T00:00:00.000Z',
    actor: { keyId: 'bench', role: 'system' },
  });

type BenchQuery = Pick<
  RegistryQuery,
  'country' | 'size' | 'role' | 'status' | 'commitment' | 'reportingStatus'
> & { sort?: 'name' | '-signedAt' };

/** Seven filter and sort mixes a visitor or an analyst picks. */
function registryQueries(): BenchQuery[] {
  return [
    {},
    { country: 'DE' },
    { size: 'small', role: 'provider' },
    { status: 'published', sort: 'name' },
    { country: 'FR', status: 'signed', sort: '-signedAt' },
    { commitment: 'ai-literacy', sort: 'name' },
    { reportingStatus: 'overdue' },
  ];
}

function handWritten(
  documents: readonly PledgeDocument[],
  query: BenchQuery,
  now: string,
): PledgeDocument[] {
  const matched = documents.filter(
    (d) =>
      (!query.country || d.country === query.country) &&
      (!query.size || d.size === query.size) &&
      (!query.role || d.roles.includes(query.role as never)) &&
      (!query.status || d.status === query.status) &&
      (!query.commitment || d.commitments.includes(query.commitment)) &&
      (!query.reportingStatus || reportingStatusOf(d, now) === query.reportingStatus),
  );
  const key = query.sort === 'name' ? 'organisationName' : 'signedAt';
  const direction = query.sort === 'name' ? 1 : -1;
  return matched
    .sort((a, b) => (a[key] < b[key] ? -direction : a[key] > b[key] ? direction : 0))
    .slice(0, 50);
}

/** The summary's pledge figures in one plain pass: what a request paid before they were kept. */
function handCounted(documents: readonly PledgeDocument[], now: Date): Record<string, number> {
  const counts: Record<string, number> = {};
  const at = now.toISOString();
  for (const d of documents) {
    counts[d.status] = (counts[d.status] ?? 0) + 1;
    if (d.status === 'withdrawn') continue;
    for (const key of [d.country, d.sector, d.size, ...d.roles, ...d.commitments])
      counts[key] = (counts[key] ?? 0) + 1;
    const status = reportingStatusOf(d, at);
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

async function timeEach(rounds: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    await work(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

function time(work: () => unknown): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

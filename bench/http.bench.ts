import { loadConfig, pledgeIdForSlot } from '@pact/application';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app';
import { organisationBody, pledgeBody } from '../test/support/test-app';
import { quick, startProcess, tempDir, type BenchRow } from './support';

const CONNECTIONS = 32;
const REPORT_BODY = { commitmentCode: 'ai-literacy', summary: 'Training done' };

interface Run {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/**
 * Commands over HTTP (sign a pledge, report a milestone) with autocannon, 32 connections, against a
 * bare Fastify route answering the same kind of request (the same body) in the same run: the ceiling
 * of the stack.
 * The app runs as `npm start` runs it (`apps/api/src/main.ts`: rate limits on, logging at `info`,
 * projector and reminder worker in the process), and the bare route too, each in a process of its
 * own, so neither shares an event loop with the load generator. Between the two, Nest with the
 * app's validation and nothing else (`nest-route.server.ts`) takes the same bodies: what the
 * framework alone leaves of the ceiling (no goal). `BENCH_PROFILE=DIR` writes the app's
 * CPU profile of each run there; `npm run bench:profile -- DIR/sign.cpuprofile` summarises one.
 */
export async function httpBench(): Promise<BenchRow[]> {
  const amount = quick ? 400 : 4000;
  const dir = tempDir('pact-bench-http-');
  const queuePrefix = `bench${process.pid}`;
  const organisations = await registerOrganisations(dir.path, amount, queuePrefix);
  const profileDir = process.env['BENCH_PROFILE'];
  const app = await startProcess(join(__dirname, 'app.server.ts'), {
    DATA_DIR: dir.path,
    REMINDER_QUEUE_PREFIX: queuePrefix,
  });
  // With BENCH_PROFILE=DIR, the app profiles each measured run: sign, then report.
  const profiled = async <T>(name: string, measure: () => Promise<T>): Promise<T> => {
    if (!profileDir) return measure();
    await app.ask({ profile: 'start' });
    const result = await measure();
    await app.ask({ profile: 'stop', name });
    return result;
  };
  const bare = await startProcess(join(__dirname, 'bare.server.ts'), {});
  const nestRoute = await startProcess(join(__dirname, 'nest-route.server.ts'), {});
  try {
    let signed = 0;
    const sign = await profiled('sign', () =>
      run(app.url, amount, '/v1/pledges', () => ({
        headers: { authorization: `Bearer ${organisations[signed++ % amount]!.apiKey}` },
        body: JSON.stringify(pledgeBody()),
      })),
    );
    // Each organisation's first pledge has a known id; reports go round all of them.
    let reported = 0;
    const report = await profiled('report', () =>
      run(app.url, amount, '/v1/pledges', () => {
        const organisation = organisations[reported++ % amount]!;
        return {
          path: `/v1/pledges/${pledgeIdForSlot(organisation.organisationId, 0)}/milestones`,
          headers: { authorization: `Bearer ${organisation.apiKey}` },
          body: JSON.stringify(REPORT_BODY),
        };
      }),
    );
    // The same bodies to Nest and the app's validation alone: what the framework leaves to the rest.
    const signValidated = await run(nestRoute.url, amount, '/v1/pledges', () => ({
      body: JSON.stringify(pledgeBody()),
    }));
    const reportValidated = await run(nestRoute.url, amount, '/v1/pledges', () => ({
      path: '/v1/pledges/p/milestones',
      body: JSON.stringify(REPORT_BODY),
    }));
    // The ceiling for each command takes that command's body: a report's is much smaller.
    const signCeiling = await run(bare.url, amount, '/v1/noop', () => ({
      body: JSON.stringify(pledgeBody()),
    }));
    const reportCeiling = await run(bare.url, amount, '/v1/noop', () => ({
      body: JSON.stringify(REPORT_BODY),
    }));
    return [
      ...commandRows('sign a pledge', sign, signCeiling),
      ...commandRows('report a milestone', report, reportCeiling),
      row(
        "Nest route validating a signature's body, nothing else",
        signValidated.perSecond,
        signCeiling.perSecond,
        'requests/s',
      ),
      row(
        "Nest route validating a report's body, nothing else",
        reportValidated.perSecond,
        reportCeiling.perSecond,
        'requests/s',
      ),
    ];
  } finally {
    await nestRoute.stop();
    await bare.stop();
    await app.stop();
    await clearQueues(queuePrefix);
    dir.remove();
  }
}

/**
 * The organisations that sign, registered beforehand by an app in this process with the
 * registration limit off (the limit allows tens an hour from one address, as it should).
 */
async function registerOrganisations(dataDir: string, amount: number, queuePrefix: string) {
  const setup = await createApp(
    loadConfig({
      DATA_DIR: dataDir,
      RUN_WORKER: 'false',
      REGISTRATION_RATE_LIMIT: '0',
      ANONYMOUS_RATE_LIMIT: '0',
      REMINDER_QUEUE_PREFIX: queuePrefix,
    }),
    { logger: false },
  );
  await setup.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(setup.getHttpServer().address() as { port: number }).port}`;
  const organisations: { apiKey: string; organisationId: string }[] = [];
  try {
    for (let i = 0; i < amount; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, amount - i) }, () =>
          fetch(`${url}/v1/organisations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(organisationBody()),
          }).then(async (r) => {
            if (r.status !== 201) throw new Error(`registration: ${r.status} ${await r.text()}`);
            return r.json() as Promise<{ apiKey: string; organisationId: string }>;
          }),
        ),
      );
      organisations.push(...batch);
    }
  } finally {
    await setup.close();
  }
  return organisations;
}

/** Removes the run's reminder queues from Redis. */
async function clearQueues(prefix: string): Promise<void> {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } catch {
    // Redis down: nothing of the run is left in it.
  } finally {
    redis.disconnect();
  }
}

/** A command's throughput, p50 and p99 over HTTP, each against the ceiling's. */
const commandRows = (command: string, ours: Run, ceiling: Run): BenchRow[] => [
  row(`${command} over HTTP, commands/s`, ours.perSecond, ceiling.perSecond, 'commands/s'),
  row(`${command} over HTTP, p50`, ours.p50, ceiling.p50, 'ms'),
  row(`${command} over HTTP, p99`, ours.p99, ceiling.p99, 'ms'),
];

function row(name: string, ours: number, baseline: number, unit: string): BenchRow {
  return {
    bench: 'http',
    case: name,
    ours,
    baseline,
    unit,
    // Throughput: ours over the ceiling; latency: the ceiling over ours (both: higher is better).
    // autocannon measures whole milliseconds: a ceiling's 0 ms latency gives no ratio.
    ratio: unit === 'ms' ? (baseline > 0 && ours > 0 ? baseline / ours : null) : ours / baseline,
    baselineName: `bare Fastify route, same body, ${CONNECTIONS} connections`,
    ...(unit === 'commands/s' ? { goal: { on: 'ratio' as const, atLeast: 0.5 } } : {}),
  };
}

async function run(
  url: string,
  amount: number,
  path: string,
  request: () => { path?: string; headers?: Record<string, string>; body: string },
): Promise<Run> {
  let refusal: string | undefined;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method: 'POST',
        path,
        onResponse: (status: number, body: string) => {
          if (status >= 300 && !refusal) refusal = `${status} ${body}`;
        },
        setupRequest: (req) => {
          const next = request();
          return {
            ...req,
            ...(next.path ? { path: next.path } : {}),
            headers: { 'content-type': 'application/json', ...next.headers },
            body: next.body,
          };
        },
      },
    ],
  });
  if (result.non2xx > 0)
    throw new Error(
      `${path}: ${result.non2xx} requests did not succeed (${JSON.stringify(result.statusCodeStats)}), the first: ${refusal}`,
    );
  return {
    // Little's law: with every connection busy, throughput is connections over mean latency
    // (autocannon's own rate is counted in whole seconds, too coarse for short runs).
    perSecond: CONNECTIONS / (result.latency.mean / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

import { loadConfig, pledgeIdForSlot } from '@pact/application';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { createApp } from '../apps/api/src/create-app';
import { organisationBody, pledgeBody } from '../test/support/test-app';
import { quick, tempDir, type BenchRow } from './support';

const CONNECTIONS = 32;

interface Run {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/**
 * Commands over HTTP (sign a pledge, report a milestone) with autocannon, 32 connections, against a
 * bare Fastify route answering the same kind of request in the same run: the ceiling of the stack.
 */
export async function httpBench(): Promise<BenchRow[]> {
  const amount = quick ? 400 : 4000;
  const dir = tempDir('pact-bench-http-');
  const app = await createApp(
    loadConfig({
      DATA_DIR: dir.path,
      RUN_WORKER: 'false',
      REGISTRATION_RATE_LIMIT: '0',
      ANONYMOUS_RATE_LIMIT: '0',
      KEY_RATE_LIMIT: '0',
    }),
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const bare = Fastify();
  bare.post('/v1/noop', () => ({ revision: 0, position: '1' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
  try {
    // Each organisation signs once: register as many as the sign run needs.
    const organisations: { apiKey: string; organisationId: string }[] = [];
    for (let i = 0; i < amount; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, amount - i) }, () =>
          fetch(`${url}/v1/organisations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(organisationBody()),
          }).then((r) => r.json() as Promise<{ apiKey: string; organisationId: string }>),
        ),
      );
      organisations.push(...batch);
    }
    let signed = 0;
    const sign = await run(url, amount, '/v1/pledges', () => ({
      headers: { authorization: `Bearer ${organisations[signed++ % amount]!.apiKey}` },
      body: JSON.stringify(pledgeBody()),
    }));
    // Each organisation's first pledge has a known id; reports go round all of them.
    let reported = 0;
    const report = await run(url, amount, '/v1/pledges', () => {
      const organisation = organisations[reported++ % amount]!;
      return {
        path: `/v1/pledges/${pledgeIdForSlot(organisation.organisationId, 0)}/milestones`,
        headers: { authorization: `Bearer ${organisation.apiKey}` },
        body: JSON.stringify({ commitmentCode: 'ai-literacy', summary: 'Training done' }),
      };
    });
    const ceiling = await run(bareUrl, amount, '/v1/noop', () => ({
      body: JSON.stringify(pledgeBody()),
    }));
    return [
      row('sign a pledge over HTTP, commands/s', sign.perSecond, ceiling.perSecond, 'commands/s'),
      row('sign a pledge over HTTP, p50', sign.p50, ceiling.p50, 'ms'),
      row('sign a pledge over HTTP, p99', sign.p99, ceiling.p99, 'ms'),
      row(
        'report a milestone over HTTP, commands/s',
        report.perSecond,
        ceiling.perSecond,
        'commands/s',
      ),
      row('report a milestone over HTTP, p50', report.p50, ceiling.p50, 'ms'),
      row('report a milestone over HTTP, p99', report.p99, ceiling.p99, 'ms'),
    ];
  } finally {
    await bare.close();
    await app.close();
    dir.remove();
  }
}

function row(name: string, ours: number, baseline: number, unit: string): BenchRow {
  return {
    bench: 'http',
    case: name,
    ours,
    baseline,
    unit,
    // Throughput: ours over the ceiling; latency: the ceiling over ours (both: higher is better).
    ratio: unit === 'ms' ? baseline / Math.max(ours, 0.001) : ours / baseline,
    baselineName: `bare Fastify route, ${CONNECTIONS} connections`,
    ...(unit === 'commands/s' ? { goal: { on: 'ratio' as const, atLeast: 0.5 } } : {}),
  };
}

async function run(
  url: string,
  amount: number,
  path: string,
  request: () => { path?: string; headers?: Record<string, string>; body: string },
): Promise<Run> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method: 'POST',
        path,
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
  if (result.non2xx > 0) throw new Error(`${path}: ${result.non2xx} requests did not succeed`);
  return {
    // Little's law: with every connection busy, throughput is connections over mean latency
    // (autocannon's own rate is counted in whole seconds, too coarse for short runs).
    perSecond: CONNECTIONS / (result.latency.mean / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

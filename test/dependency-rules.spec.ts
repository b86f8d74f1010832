import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

interface Probe {
  /** Where the deliberate violation is written (relative to the repository). */
  readonly file: string;
  readonly source: string;
}

/** Writes the probes, runs dependency-cruiser on them alone with the project's rules, removes them. */
function violations(probes: readonly Probe[]): { rule: string; from: string; to: string }[] {
  const tag = `depcruise-probe-${process.pid}`;
  const files = probes.map((probe) => probe.file.replace('PROBE', tag));
  try {
    probes.forEach((probe, i) =>
      writeFileSync(join(ROOT, files[i]!), probe.source.replaceAll('PROBE', tag)),
    );
    const run = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'depcruise'),
      [...files, '--config', '.dependency-cruiser.js', '--output-type', 'json'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const report = JSON.parse(run.stdout) as {
      summary: { violations: { rule: { name: string }; from: string; to: string }[] };
    };
    return report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  } finally {
    for (const file of files) rmSync(join(ROOT, file), { force: true });
  }
}

/** Each layer rule, proven by a file that breaks it: the rule must name it. */
describe('dependency rules', () => {
  jest.setTimeout(60_000);

  const cases: [rule: string, probe: Probe, target: RegExp][] = [
    [
      'domain-is-pure',
      { file: 'libs/domain/src/PROBE-queue.ts', source: "export { Queue } from 'bullmq';\n" },
      /node_modules\/bullmq\/dist\//,
    ],
    [
      'domain-is-pure',
      {
        file: 'libs/domain/src/PROBE-kurrent.ts',
        source: "export { KurrentDBClient } from '@kurrent/kurrentdb-client';\n",
      },
      /node_modules\/@kurrent\//,
    ],
    [
      'domain-is-pure',
      {
        file: 'libs/domain/src/PROBE-nest.ts',
        source: "export { Injectable } from '@nestjs/common';\n",
      },
      /node_modules\/@nestjs\/common\//,
    ],
    [
      'domain-uses-no-node-io',
      { file: 'libs/domain/src/PROBE-fs.ts', source: "export { readFileSync } from 'node:fs';\n" },
      /^(node:)?fs$/,
    ],
    [
      'libs-never-import-apps',
      {
        file: 'libs/projections/src/PROBE-app.ts',
        source: "export { problem } from '../../../apps/api/src/http/problem';\n",
      },
      /^apps\/api\//,
    ],
    [
      'apps-never-import-each-other',
      {
        file: 'apps/worker/src/PROBE-api.ts',
        source: "export { problem } from '../../api/src/http/problem';\n",
      },
      /^apps\/api\//,
    ],
    [
      'event-store-knows-no-domain',
      {
        file: 'libs/event-store/src/PROBE-domain.ts',
        source: "export { pledgeStream } from '@pact/domain';\n",
      },
      /^libs\/domain\//,
    ],
    [
      'application-uses-no-framework',
      {
        file: 'libs/application/src/PROBE-nest.ts',
        source: "export { Injectable } from '@nestjs/common';\n",
      },
      /node_modules\/@nestjs\//,
    ],
    [
      'command-handlers-know-no-http',
      {
        file: 'libs/commands/src/PROBE.handler.ts',
        source: "export type { FastifyReply } from 'fastify';\n",
      },
      /node_modules\/fastify\//,
    ],
    [
      'testing-helpers-stay-out-of-builds',
      {
        file: 'libs/reminders/src/PROBE-testing.ts',
        source: "export { testEvent } from '@pact/event-store/testing';\n",
      },
      /^libs\/event-store\/src\/testing\//,
    ],
    [
      'no-circular',
      {
        file: 'libs/projections/src/PROBE-a.ts',
        source: "import { b } from './PROBE-b';\nexport const a = () => b;\n",
      },
      /-b\.ts$/,
    ],
  ];
  const circularPartner: Probe = {
    file: 'libs/projections/src/PROBE-b.ts',
    source: "import { a } from './PROBE-a';\nexport const b = () => a;\n",
  };

  // One dependency-cruiser run over every probe at once.
  let found: { rule: string; from: string; to: string }[] = [];
  beforeAll(() => {
    found = violations([...cases.map(([, probe]) => probe), circularPartner]);
  });

  it.each(cases)('%s: a deliberate violation is reported', (rule, probe, target) => {
    const name = probe.file.split('/').pop()!.replace('PROBE', '').replace('.ts', '');
    const hits = found.filter((v) => v.rule === rule && v.from.endsWith(`${name}.ts`));
    expect(hits.some((v) => target.test(v.to))).toBe(true);
  });
});

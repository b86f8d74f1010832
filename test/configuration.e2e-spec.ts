import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Every variable the configuration reads, taken from the code that reads it. */
const variables = [
  ...readFileSync(join(ROOT, 'libs/application/src/config/app-config.ts'), 'utf8').matchAll(
    /(?:text|oneOf|duration|wholeNumber)\('([A-Z_]+)'|env\['([A-Z_]+)'\]/g,
  ),
].map((match) => match[1] ?? match[2]!);

describe('configuration', () => {
  it('documents every variable the code reads in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]));
    expect(variables.length).toBeGreaterThan(20);
    expect([...new Set(variables)].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('refuses to start on a bad value, naming each variable and what it accepts', () => {
    const result = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/api/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: 'eighty',
          REPORTING_INTERVAL: 'yearly',
          EVENT_STORE: 'postgres',
        },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PORT='eighty' must be a port number");
    expect(result.stderr).toContain("REPORTING_INTERVAL: interval 'yearly'");
    expect(result.stderr).toContain("EVENT_STORE='postgres' must be one of sqlite, kurrentdb");
  });
});

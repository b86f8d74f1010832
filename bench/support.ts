import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a figure must reach: its ratio or our own value, at least or at most a bound. */
export interface Goal {
  readonly on: 'ratio' | 'ours';
  readonly atLeast?: number;
  readonly atMost?: number;
}

export interface BenchRow {
  readonly bench: string;
  readonly case: string;
  readonly ours: number;
  readonly baseline: number;
  readonly unit: string;
  /**
   * ours / baseline for throughputs (higher is better); each bench says what its ratio means. Null
   * when the baseline is below what the tool can measure (a latency under autocannon's 1 ms).
   */
  readonly ratio: number | null;
  readonly baselineName: string;
  readonly goal?: Goal;
}

export function goalText(goal: Goal | undefined, unit: string): string {
  if (!goal) return '';
  const bound = goal.atLeast !== undefined ? `≥ ${goal.atLeast}` : `≤ ${goal.atMost}`;
  return goal.on === 'ratio' ? `ratio ${bound}` : `${bound} ${unit}`;
}

/** A row's ratio as printed: two decimals, or n/a when it could not be measured. */
export const ratioText = (row: BenchRow): string =>
  row.ratio === null ? 'n/a' : row.ratio.toFixed(2);

/** Whether a row meets its goal (undefined when it has none; not met when it was not measured). */
export function goalMet(row: BenchRow): boolean | undefined {
  if (!row.goal) return undefined;
  const value = row.goal.on === 'ratio' ? row.ratio : row.ours;
  if (value === null) return false;
  return (
    (row.goal.atLeast === undefined || value >= row.goal.atLeast) &&
    (row.goal.atMost === undefined || value <= row.goal.atMost)
  );
}

export const quick = process.env['BENCH_QUICK'] === '1';

/** The value below which `share` of the values fall (0.5: the median, 0.95: the p95). */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Rounds alternate between the two sides so machine noise hits both alike; medians are compared. */
export async function interleave(
  rounds: number,
  ours: () => Promise<number>,
  baseline: () => Promise<number>,
) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    b.push(await baseline());
    a.push(await ours());
  }
  return { ours: median(a), baseline: median(b) };
}

export function printTable(rows: readonly BenchRow[]): void {
  const met = (row: BenchRow) => {
    const result = goalMet(row);
    return result === undefined ? '' : result ? 'met' : 'NOT MET';
  };
  const lines = rows.map((r) =>
    [
      r.bench,
      r.case,
      `${r.ours.toFixed(0)} ${r.unit}`,
      `${r.baseline.toFixed(0)} ${r.unit} (${r.baselineName})`,
      ratioText(r),
      goalText(r.goal, r.unit),
      met(r),
    ].join(' | '),
  );
  process.stdout.write(
    [
      'bench | case | ours | baseline | ratio | goal | met',
      '--- | --- | --- | --- | --- | --- | ---',
      ...lines,
    ].join('\n') + '\n',
  );
}

/**
 * Keeps the figures: a full run in `bench/results.json` (committed; the README's table is made from
 * it by `npm run bench:readme`), a quick run in `bench/results.quick.json` (not committed).
 */
export function writeResults(rows: readonly BenchRow[]): void {
  const file = join(__dirname, quick ? 'results.quick.json' : 'results.json');
  const previous = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { rows: BenchRow[] }).rows
    : [];
  // A bench's new rows take the place of its old ones, so the README's table keeps its order.
  const fresh = new Map<string, BenchRow[]>();
  for (const row of rows) fresh.set(row.bench, [...(fresh.get(row.bench) ?? []), row]);
  const merged = previous
    .flatMap((row) => {
      if (!fresh.has(row.bench)) return [row];
      const replacing = fresh.get(row.bench)!;
      fresh.set(row.bench, []);
      return replacing;
    })
    .concat([...fresh.values()].flat())
    .map((row) => ({ ...row, ...(row.goal ? { met: goalMet(row) } : {}) }));
  writeFileSync(
    file,
    JSON.stringify({ writtenAt: new Date().toISOString(), quick, rows: merged }, null, 2),
  );
}

/** Starts a TypeScript entry point in a process of its own on a free port; resolves once it answers. */
export async function startProcess(
  entry: string,
  env: Record<string, string>,
): Promise<{ url: string; ask: (message: object) => Promise<unknown>; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    // Its log (at info) is written as in production, to a pipe nobody reads slowly.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    const answered = await fetch(`${url}/health/live`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (tries > 600) throw new Error(`${entry} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    /** Sends a message and resolves with the process's answer. */
    ask: (message) =>
      new Promise((resolve) => {
        child.once('message', resolve);
        child.send(message);
      }),
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

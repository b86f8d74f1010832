import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
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
  /** ours / baseline for throughputs (higher is better); each bench says what its ratio means. */
  readonly ratio: number;
  readonly baselineName: string;
  readonly goal?: Goal;
}

export function goalText(goal: Goal | undefined, unit: string): string {
  if (!goal) return '';
  const bound = goal.atLeast !== undefined ? `≥ ${goal.atLeast}` : `≤ ${goal.atMost}`;
  return goal.on === 'ratio' ? `ratio ${bound}` : `${bound} ${unit}`;
}

/** Whether a row meets its goal (undefined when it has none). */
export function goalMet(row: BenchRow): boolean | undefined {
  if (!row.goal) return undefined;
  const value = row.goal.on === 'ratio' ? row.ratio : row.ours;
  return (
    (row.goal.atLeast === undefined || value >= row.goal.atLeast) &&
    (row.goal.atMost === undefined || value <= row.goal.atMost)
  );
}

export const quick = process.env['BENCH_QUICK'] === '1';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
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
      r.ratio.toFixed(2),
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
  const benches = new Set(rows.map((r) => r.bench));
  const merged = [...previous.filter((r) => !benches.has(r.bench)), ...rows].map((row) => ({
    ...row,
    ...(row.goal ? { met: goalMet(row) } : {}),
  }));
  writeFileSync(
    file,
    JSON.stringify({ writtenAt: new Date().toISOString(), quick, rows: merged }, null, 2),
  );
}

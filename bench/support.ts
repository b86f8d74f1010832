import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchRow {
  readonly bench: string;
  readonly case: string;
  readonly ours: number;
  readonly baseline: number;
  readonly unit: string;
  /** ours / baseline for throughputs (higher is better). */
  readonly ratio: number;
  readonly baselineName: string;
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
  const lines = rows.map((r) =>
    [
      r.bench,
      r.case,
      `${r.ours.toFixed(0)} ${r.unit}`,
      `${r.baseline.toFixed(0)} ${r.unit} (${r.baselineName})`,
      r.ratio.toFixed(2),
    ].join(' | '),
  );
  process.stdout.write(
    ['bench | case | ours | baseline | ratio', '--- | --- | --- | --- | ---', ...lines].join('\n') +
      '\n',
  );
}

export function writeResults(rows: readonly BenchRow[]): void {
  const file = join(__dirname, 'results.json');
  const previous = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { rows: BenchRow[] }).rows
    : [];
  const benches = new Set(rows.map((r) => r.bench));
  const merged = [...previous.filter((r) => !benches.has(r.bench)), ...rows];
  writeFileSync(
    file,
    JSON.stringify({ writtenAt: new Date().toISOString(), quick, rows: merged }, null, 2),
  );
}

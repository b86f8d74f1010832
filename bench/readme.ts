import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goalMet, goalText, ratioText, type BenchRow } from './support';

const START = '<!-- bench-results:start -->';
const END = '<!-- bench-results:end -->';

/** Rewrites the README's benchmark table from bench/results.json (a full run). */
function main(): void {
  const results = JSON.parse(readFileSync(join(__dirname, 'results.json'), 'utf8')) as {
    writtenAt: string;
    quick: boolean;
    rows: BenchRow[];
  };
  if (results.quick)
    throw new Error('bench/results.json holds a quick run: run `npm run bench` first');
  const number = (value: number) =>
    value >= 100 ? Math.round(value).toLocaleString('en-GB') : value.toFixed(value >= 10 ? 1 : 2);
  const met = (row: BenchRow) => {
    const result = goalMet(row);
    return result === undefined ? '' : result ? 'met' : '**not met**';
  };
  const table = [
    `Full runs up to ${results.writtenAt.slice(0, 10)} on the 2-core development machine (\`npm run bench\`, then \`npm run bench:readme\`; each bench's rows are from its latest full run, so \`BENCH_ONLY\` can refresh some):`,
    '',
    '| bench | case | ours | baseline | ratio | goal | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.rows.map((row) =>
      [
        '',
        row.bench,
        row.case,
        `${number(row.ours)} ${row.unit}`,
        `${number(row.baseline)} ${row.unit} (${row.baselineName})`,
        ratioText(row),
        goalText(row.goal, row.unit),
        met(row),
        '',
      ]
        .join(' | ')
        .trim(),
    ),
  ].join('\n');
  const file = join(__dirname, '..', 'README.md');
  const readme = readFileSync(file, 'utf8');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} block`);
  writeFileSync(file, `${readme.slice(0, from + START.length)}\n${table}\n${readme.slice(to)}`);
}

main();

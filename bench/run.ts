import { appendBench } from './append.bench';
import { auditBench } from './audit.bench';
import { httpBench } from './http.bench';
import { pagesBench } from './pages.bench';
import { peerBench } from './peer.bench';
import { projectionBench } from './projection.bench';
import { remindersBench } from './reminders.bench';
import { printTable, writeResults, type BenchRow } from './support';

/** Runs every benchmark, prints one table of figures and ratios, and writes bench/results.json. */
async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  const benches = {
    append: appendBench,
    peer: peerBench,
    projection: projectionBench,
    audit: auditBench,
    reminders: remindersBench,
    http: httpBench,
    pages: pagesBench,
  };
  // BENCH_ONLY=projection,http runs those alone; results.json keeps the other benches' last rows.
  const only = process.env['BENCH_ONLY']?.split(',');
  const failed: string[] = [];
  for (const [name, bench] of Object.entries(benches)) {
    if (only && !only.includes(name)) continue;
    try {
      const measured = await bench();
      rows.push(...measured);
      // Kept as each bench ends: a later failure loses nothing measured.
      writeResults(measured);
    } catch (error) {
      failed.push(name);
      process.stderr.write(`bench ${name} failed: ${String(error)}\n`);
    }
  }
  printTable(rows);
  if (failed.length > 0) throw new Error(`failed: ${failed.join(', ')}`);
}

// A benchmark leaves no work behind it: exit once the figures are out, whatever a client library
// keeps open (the test command ends with a quick run, and must end).
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);

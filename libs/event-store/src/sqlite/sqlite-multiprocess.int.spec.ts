import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

function appendInChild(file: string, count: number): Promise<number> {
  const script = join(__dirname, '../testing/append-loop.script.ts');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, file, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let acknowledged = 0;
  child.stdout.on(
    'data',
    (chunk: Buffer) => (acknowledged += chunk.toString().split('\n').length - 1),
  );
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(acknowledged) : reject(new Error(`child exited ${code}`)),
    );
  });
}

describe('sqlite event store shared by several processes', () => {
  it('keeps positions unique and every stream contiguous when two processes append at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-share-'));
    const file = join(dir, 'events.db');
    new SqliteEventStore({ filename: file }).database.close();
    const acknowledged = await Promise.all([appendInChild(file, 150), appendInChild(file, 150)]);
    expect(acknowledged).toEqual([150, 150]);

    const store = new SqliteEventStore({ filename: file });
    const events = await store.readAll({ maxCount: 10_000 });
    expect(events).toHaveLength(300);
    expect(events.map((e) => e.position)).toEqual(events.map((_, i) => BigInt(i + 1)));
    const byStream = new Map<string, number[]>();
    for (const e of events)
      byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.revision]);
    for (const revisions of byStream.values())
      expect(revisions).toEqual(revisions.map((_, i) => i));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

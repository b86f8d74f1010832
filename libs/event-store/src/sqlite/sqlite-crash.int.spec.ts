import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

describe('sqlite event store under kill -9', () => {
  it('keeps every acknowledged append of a killed writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-crash-'));
    const file = join(dir, 'events.db');
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, '../testing/append-loop.script.ts'), file],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const acknowledged: { eventId: string; position: bigint }[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          const [eventId, position] = line.split(' ');
          acknowledged.push({ eventId: eventId!, position: BigInt(position!) });
        }
        if (acknowledged.length >= 300 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await exited;

    const store = new SqliteEventStore({ filename: file });
    const stored = new Map(
      (await store.readAll({ maxCount: 1_000_000 })).map((e) => [e.eventId, e.position]),
    );
    for (const ack of acknowledged) expect(stored.get(ack.eventId)).toBe(ack.position);
    const positions = [...stored.values()];
    expect(positions).toEqual(positions.map((_, i) => BigInt(i + 1)));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

import { SqliteEventStore } from '@pact/event-store';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/redis-server';
import { ADMIN_KEY, organisationBody, pledgeBody } from './support/test-app';

jest.setTimeout(90_000);

const ROOT = join(__dirname, '..');

/**
 * The api as its own process, under a steady load of commands, gets SIGTERM: it stops accepting,
 * finishes what it took, closes its stores, and every command it acknowledged is in the event log.
 */
describe('graceful shutdown', () => {
  it('loses no acknowledged command when SIGTERM arrives under load', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pact-shutdown-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
        REMINDER_QUEUE_PREFIX: `shutdown-${randomUUID()}`,
        REGISTRATION_RATE_LIMIT: '0',
        ANONYMOUS_RATE_LIMIT: '0',
        KEY_RATE_LIMIT: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      const deadline = Date.now() + 30_000;
      while (
        !(await fetch(`${url}/health/live`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (Date.now() > deadline) throw new Error(`The api did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const post = (path: string, body: unknown, key?: string) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(key ? { authorization: `Bearer ${key}` } : {}),
          },
          body: JSON.stringify(body),
        });
      const registered = (await (await post('/v1/organisations', organisationBody())).json()) as {
        apiKey: string;
      };
      const signed = (await (
        await post('/v1/pledges', pledgeBody(), registered.apiKey)
      ).json()) as {
        pledgeId: string;
      };

      const acknowledged: string[] = [];
      let refused = 0;
      let stop = false;
      const client = async (n: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const response = await post(
              `/v1/pledges/${signed.pledgeId}/milestones`,
              { commitmentCode: 'ai-literacy', summary: `client ${n} report ${i}` },
              registered.apiKey,
            );
            if (response.status === 201)
              acknowledged.push(((await response.json()) as { milestoneId: string }).milestoneId);
            else await response.body?.cancel();
          } catch {
            refused++; // the server no longer accepts connections
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      };
      const clients = Array.from({ length: 8 }, (_, n) => client(n));
      await new Promise((resolve) => setTimeout(resolve, 700));
      child.kill('SIGTERM');
      const exit = await exited;
      stop = true;
      await Promise.all(clients);

      expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
      expect(acknowledged.length).toBeGreaterThan(10);
      expect(refused).toBeGreaterThan(0);
      const store = new SqliteEventStore({ filename: join(dataDir, 'events.db') });
      const recorded = new Set(
        (await store.readStream(`pledge-${signed.pledgeId}`))
          .filter((e) => e.type === 'MilestoneReported')
          .map((e) => (e.data as { milestoneId: string }).milestoneId),
      );
      await store.close();
      expect(acknowledged.filter((id) => !recorded.has(id))).toEqual([]);
      expect(output).toContain('Reminder worker stopped');
      expect(output).toContain('Projector stopped');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

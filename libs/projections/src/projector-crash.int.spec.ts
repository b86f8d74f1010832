import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ProjectionRunner } from './runner/projection-runner';
import { ALL_COLLECTIONS, ProjectionHarness, seedHistory } from './testing/harness';

describe('projector killed with SIGKILL mid-batch', () => {
  it('resumes from its checkpoint and ends equal to a rebuild from scratch', async () => {
    const harness = new ProjectionHarness();
    await seedHistory(harness, 300);
    const head = await harness.events.headPosition();
    await harness.read.close();

    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'testing/project.script.ts'), harness.dir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let killedAt = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () =>
        reject(new Error('the projector finished or died before it could be killed mid-way')),
      );
      child.stdout.on('data', (chunk: Buffer) => {
        const line = chunk.toString().trim().split('\n').pop() ?? '';
        const registry = /registry=(\d+)/.exec(line);
        if (
          registry &&
          BigInt(registry[1]!) > 0n &&
          BigInt(registry[1]!) < head &&
          child.exitCode === null &&
          !killedAt
        ) {
          killedAt = line;
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await exited;
    expect(killedAt).toMatch(/registry=\d+/);

    const resumed = harness.openReadStore();
    expect((await resumed.checkpoint('registry')).position).toBeLessThan(head);
    for (const projection of harness.projections)
      await new ProjectionRunner(projection, harness.events, resumed).catchUp();
    const afterResume = await harness.documents(ALL_COLLECTIONS, resumed);
    await resumed.close();

    const fresh = harness.openReadStore('fresh.db');
    for (const projection of harness.projections)
      await new ProjectionRunner(projection, harness.events, fresh).catchUp();
    expect(afterResume).toEqual(await harness.documents(ALL_COLLECTIONS, fresh));
    expect(afterResume['pledges']).toHaveLength(300);
    await fresh.close();
    await harness.close();
  }, 60000);
});

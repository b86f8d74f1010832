import { chainHash, GENESIS_HASH, SqliteEventStore } from '@pact/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './support/cli';
import { TestApp } from './support/test-app';

jest.setTimeout(120_000);

describe('npm run cli', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'pact-cli-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds a realistic registry, the same for the same seed, and adds nothing the second time', async () => {
    const first = await cli(dataDir, 'demo:seed', '--organisations', '300', '--seed', '7');
    expect(first.code).toBe(0);
    const totals = JSON.parse(first.stdout);
    expect(totals).toMatchObject({ organisations: 300, skipped: 0 });
    expect(totals.published).toBeGreaterThan(120);
    expect(totals.milestones).toBeGreaterThan(100);
    const again = await cli(dataDir, 'demo:seed', '--organisations', '300', '--seed', '7');
    expect(JSON.parse(again.stdout)).toMatchObject({ organisations: 0, skipped: 300 });

    // The registry serves it: the role mix and the spread of signatures look like the programme's.
    const events = new SqliteEventStore({ filename: join(dataDir, 'events.db') });
    const seeded = await events.headPosition();
    await events.close();
    const api = await TestApp.start({ DATA_DIR: dataDir });
    try {
      // Once the app's projector has read the seeded log (it catches up after the start).
      const summary = (
        await api.get(`/v1/analytics/summary?minPosition=${seeded}`, {
          key: await api.issueKey('analyst'),
        })
      ).body;
      expect(summary.organisations).toBe(300);
      // About 63% both roles, 18% deployer only, 14% provider only (of 95%): each role in roughly
      // 80% of the pledges, deployers a little more often than providers.
      const active = summary.pledges.signed - summary.pledges.withdrawn;
      const share = (role: string) => (summary.byRole as Record<string, number>)[role]! / active;
      expect(share('deployer')).toBeGreaterThan(0.7);
      expect(share('deployer')).toBeLessThan(0.95);
      expect(share('provider')).toBeGreaterThan(0.65);
      expect(share('provider')).toBeLessThan(0.92);
      expect(Object.keys(summary.byCountry).length).toBeGreaterThan(10);
      expect(summary.milestones.accepted).toBeGreaterThan(0);
    } finally {
      await api.app.close();
    }
  });

  it('prints its help under the name it is run by, and says an unknown command once', async () => {
    const help = await cli(dataDir, '--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: npm run cli -- \[options\] \[command\]\n/);
    expect(help.stdout).toContain('keys:create');
    const unknown = await cli(dataDir, 'keys:forget');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe("error: unknown command 'keys:forget'\n");
  });

  it('refuses a command given more or fewer arguments than it takes, as a usage error (exit 2)', async () => {
    const extra = await cli(dataDir, 'audit:verify', 'pledge-1');
    expect(extra).toMatchObject({ code: 2, stdout: '' });
    expect(extra.stderr).toBe(
      "error: too many arguments for 'audit:verify'. Expected 0 arguments but got 1.\n",
    );
    const missing = await cli(dataDir, 'keys:revoke');
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe("error: missing required argument 'id'\n");
    expect(await cli(dataDir, 'projections:status', 'registry')).toMatchObject({
      code: 2,
      stdout: '',
    });
  });

  it('creates and revokes keys, recording both', async () => {
    const created = await cli(dataDir, 'keys:create', '--role', 'reviewer', '--label', 'ops');
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(key).toMatchObject({ role: 'reviewer', key: expect.stringMatching(/^pact_/) });
    const refused = await cli(dataDir, 'keys:create', '--role', 'participant', '--label', 'x');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--organisation is required');
    for (const [args, said] of [
      [['--label', ' '], '--label must not be blank\n'],
      [
        ['--label', 'ops', '--expires', 'next week'],
        '--expires must be an ISO 8601 date or instant, such as 2027-01-31T00:00:00Z\n',
      ],
      [
        ['--label', 'ops', '--expires', '2027-W01-1'],
        '--expires must be an ISO 8601 date or instant, such as 2027-01-31T00:00:00Z\n',
      ],
    ] as const) {
      expect(await cli(dataDir, 'keys:create', '--role', 'analyst', ...args)).toMatchObject({
        code: 1,
        stdout: '',
        stderr: said,
      });
    }
    expect(await cli(dataDir, 'projections:rebuild', 'registy')).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'No projection named registy; the projections are registry, practices, prompts, action-targets\n',
    });
    const revoked = await cli(dataDir, 'keys:revoke', key.id);
    expect(revoked.code).toBe(0);
    expect((await cli(dataDir, 'keys:revoke', 'no-such-key')).code).not.toBe(0);
  });

  it('exports every event as NDJSON that verifies without the server', async () => {
    const exported = await cli(dataDir, 'events:export');
    expect(exported.code).toBe(0);
    const events = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.length).toBeGreaterThan(1000);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'ApiKeyIssued',
        'ApiKeyRevoked',
        'PledgeSigned',
        'MilestoneReviewed',
      ]),
    );
    const heads = new Map<string, string>();
    for (const event of events) {
      const previous = heads.get(event.streamId) ?? GENESIS_HASH;
      expect(event.previousHash).toBe(previous);
      expect(chainHash(previous, event)).toBe(event.hash);
      heads.set(event.streamId, event.hash);
    }
    const after = await cli(dataDir, 'events:export', '--after', events.at(-2).position);
    expect(after.stdout.trim().split('\n')).toHaveLength(1);
    const verified = await cli(dataDir, 'audit:verify');
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true });
  });
});

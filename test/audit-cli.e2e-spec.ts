import { cli } from './support/cli';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ADMIN_KEY, TestApp } from './support/test-app';

async function auditVerify(dataDir: string): Promise<{ code: number; report: any }> {
  const { code, stdout } = await cli(dataDir, 'audit:verify');
  try {
    return { code, report: JSON.parse(stdout) };
  } catch {
    throw new Error(`audit:verify printed no report (exit ${code}): ${stdout}`);
  }
}

describe('npm run cli -- audit:verify', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it('passes an intact log and names every stream that was edited or cut, exiting 1', async () => {
    const edited = await api.signedPledge();
    const cut = await api.signedPledge();
    for (const pledge of [edited, cut]) {
      for (const summary of ['a', 'b']) {
        await api.post(`/v1/pledges/${pledge.pledgeId}/milestones`, {
          key: pledge.apiKey,
          body: { commitmentCode: 'ai-literacy', summary },
        });
      }
    }
    await api.post('/v1/admin/audit/seal', { key: ADMIN_KEY });
    const intact = await auditVerify(api.dataDir);
    expect(intact.code).toBe(0);
    expect(intact.report).toMatchObject({
      valid: true,
      // Two organisations, their two pledges, and the keys their registrations were given.
      streams: 6,
      invalid: [],
      seal: { valid: true },
    });

    const db = new Database(join(api.dataDir, 'events.db'));
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.summary', 'x') WHERE stream_id = ? AND revision = 1`,
    ).run(`pledge-${edited.pledgeId}`);
    db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 2').run(
      `pledge-${cut.pledgeId}`,
    );
    db.close();
    const tampered = await auditVerify(api.dataDir);
    expect(tampered.code).toBe(1);
    expect(tampered.report.valid).toBe(false);
    expect(tampered.report.invalid).toEqual(
      expect.arrayContaining([
        { streamId: `pledge-${edited.pledgeId}`, firstInvalidRevision: 1, eventCount: 3 },
        { streamId: `pledge-${cut.pledgeId}`, firstInvalidRevision: 2, eventCount: 2 },
      ]),
    );
    expect(tampered.report.invalid).toHaveLength(2);
  }, 60000);
});

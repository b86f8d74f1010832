import { chainHash, GENESIS_HASH } from '@pact/event-store';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_KEY, expectProblem, TestApp } from './support/test-app';

const ADA = { name: 'Ada Lovelace', email: 'ada@acme.example' };
const MARY = { name: 'Mary Jackson', email: 'mary@acme.example' };
const ERASED = { name: '[erased]', email: '[erased]' };

describe('erasing personal data without breaking the chain (crypto-shredding)', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  const storedBytes = () =>
    ['events.db', 'events.db-wal']
      .map((file) => join(api.dataDir, file))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');

  const history = async (organisationId: string) => {
    const response = await api.get(`/v1/organisations/${organisationId}/history`, {
      key: ADMIN_KEY,
    });
    expect(response.status).toBe(200);
    return response.body.events as any[];
  };

  /** api.md's formula, recomputed here over what the history returns. */
  const chainHolds = (events: any[]) => {
    let previous = GENESIS_HASH;
    for (const event of events) {
      if (event.previousHash !== previous) return false;
      if (chainHash(previous, event) !== event.hash) return false;
      previous = event.hash;
    }
    return true;
  };

  it('stores contact data sealed, shows it to those allowed, and erases it on request', async () => {
    const acme = await api.registerOrganisation({ contact: ADA });
    await api.signPledge(acme.apiKey);
    const changed = await api.request('PATCH', `/v1/organisations/${acme.organisationId}`, {
      key: acme.apiKey,
      body: { contact: MARY },
    });
    expect(changed.status).toBe(200);

    // Never in the clear where events are stored.
    for (const value of [ADA.name, ADA.email, MARY.name, MARY.email])
      expect(storedBytes()).not.toContain(value);

    const profile = await api.get(`/v1/organisations/${acme.organisationId}`, { key: acme.apiKey });
    expect(profile.body.contact).toEqual(MARY);
    const before = (await history(acme.organisationId)).filter((e) =>
      e.streamId.startsWith('organisation-'),
    );
    expect(before.map((e) => e.data.contact)).toEqual([
      { sealed: expect.stringMatching(/^pd1\./) },
      { sealed: expect.stringMatching(/^pd1\./) },
    ]);
    expect(before.map((e) => e.personalData)).toEqual([{ contact: ADA }, { contact: MARY }]);
    expect(chainHolds(before)).toBe(true);

    const reviewer = await api.issueKey('reviewer');
    const refused = await api.post(`/v1/organisations/${acme.organisationId}/erase-personal-data`, {
      key: reviewer,
    });
    expectProblem(refused, 403);
    const erased = await api.post(`/v1/organisations/${acme.organisationId}/erase-personal-data`, {
      key: ADMIN_KEY,
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ revision: 2, position: expect.any(String) });

    const after = (await history(acme.organisationId)).filter((e) =>
      e.streamId.startsWith('organisation-'),
    );
    // The stored events are untouched, so the chain still verifies; their personal data is gone.
    expect(after.slice(0, 2).map((e) => e.data)).toEqual(before.map((e) => e.data));
    expect(after.slice(0, 2).map((e) => e.personalData)).toEqual([
      { contact: ERASED },
      { contact: ERASED },
    ]);
    expect(after[2]).toMatchObject({
      type: 'OrganisationPersonalDataErased',
      metadata: { actor: { role: 'admin' } },
    });
    expect(chainHolds(after)).toBe(true);

    const erasedProfile = await api.get(`/v1/organisations/${acme.organisationId}`, {
      key: acme.apiKey,
    });
    expect(erasedProfile.body.contact).toEqual(ERASED);

    // A rebuilt read model cannot bring it back either.
    const rebuilt = await api.post('/v1/admin/projections/registry/rebuild', { key: ADMIN_KEY });
    expect(rebuilt.status).toBe(200);
    const registry = await api.get('/v1/registry/pledges?format=json', { key: ADMIN_KEY });
    expect(JSON.stringify(registry.body)).not.toContain(MARY.email);

    const again = await api.post(`/v1/organisations/${acme.organisationId}/erase-personal-data`, {
      key: ADMIN_KEY,
    });
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(2);
  });

  it('leaves no copy of an erased contact in any file under DATA_DIR, pages freed by SQLite included', async () => {
    const own = await TestApp.start();
    const acme = await own.signedPledge({ contact: ADA });
    await own.request('PATCH', `/v1/organisations/${acme.organisationId}`, {
      key: acme.apiKey,
      body: { contact: MARY },
    });
    // Read models and caches are written (and rewritten) many times meanwhile.
    await own.post(`/v1/pledges/${acme.pledgeId}/milestones`, {
      key: acme.apiKey,
      body: { commitmentCode: 'ai-literacy', summary: 'Staff trained' },
    });
    const erased = await own.post(`/v1/organisations/${acme.organisationId}/erase-personal-data`, {
      key: ADMIN_KEY,
    });
    expect(erased.status).toBe(200);
    await own.get(`/v1/registry/pledges?minPosition=${erased.body.position}`, { key: ADMIN_KEY });
    await own.app.close();
    try {
      const files = (function walk(dir: string): string[] {
        return readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      })(own.dataDir);
      expect(files.length).toBeGreaterThan(2);
      const found = files.flatMap((file) => {
        const bytes = readFileSync(file);
        return [ADA.name, ADA.email, MARY.name, MARY.email]
          .filter((text) => bytes.includes(Buffer.from(text, 'utf8')))
          .map((text) => `${file.slice(own.dataDir.length)}: ${text}`);
      });
      expect(found).toEqual([]);
    } finally {
      rmSync(own.dataDir, { recursive: true, force: true });
    }
  });
});

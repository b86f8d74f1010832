import { SqliteEventStore } from '@pact/event-store';
import { join } from 'node:path';
import { commitment, CORE_CODES, pledgeBody, TestApp } from './support/test-app';

describe('invariants under concurrency', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it('lets exactly one of 20 parallel signatures for one organisation through', async () => {
    const acme = await api.registerOrganisation();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.post('/v1/pledges', { key: acme.apiKey, body: pledgeBody() }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
  });

  describe('a role dropped while a commitment of that role is added or signed: never both', () => {
    const ROUNDS = 12;
    const dropProvider = (acme: { organisationId: string; apiKey: string }) =>
      api.request('PATCH', `/v1/organisations/${acme.organisationId}`, {
        key: acme.apiKey,
        body: { roles: ['deployer'] },
      });
    /** Whether the organisation's roles still cover its pledge's commitments. */
    const consistent = async (
      acme: { organisationId: string; apiKey: string },
      pledgeId: string,
    ) => {
      const organisation = await api.get(`/v1/organisations/${acme.organisationId}`, {
        key: acme.apiKey,
      });
      const pledge = await api.get(`/v1/pledges/${pledgeId}`, { key: acme.apiKey });
      const codes = (pledge.body.commitments as { code: string }[]).map((c) => c.code);
      return (
        organisation.body.roles.includes('provider') ||
        !codes.includes('provider-risk-identification')
      );
    };

    it('an added commitment', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const acme = await api.signedPledge({ roles: ['provider', 'deployer'] });
        const [added, dropped] = await Promise.all([
          api.post(`/v1/pledges/${acme.pledgeId}/commitments`, {
            key: acme.apiKey,
            body: commitment('provider-risk-identification'),
          }),
          dropProvider(acme),
        ]);
        expect(added.status === 201 && dropped.status === 200).toBe(false);
        // One of them goes through: the other is refused for what the first did.
        expect(added.status === 201 || dropped.status === 200).toBe(true);
        expect(await consistent(acme, acme.pledgeId)).toBe(true);
      }
    });

    it('a signature', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const acme = await api.registerOrganisation({ roles: ['provider', 'deployer'] });
        const [signed, dropped] = await Promise.all([
          api.post('/v1/pledges', {
            key: acme.apiKey,
            body: pledgeBody([...CORE_CODES, 'provider-risk-identification']),
          }),
          dropProvider(acme),
        ]);
        expect(signed.status === 201 && dropped.status === 200).toBe(false);
        expect(signed.status === 201 || dropped.status === 200).toBe(true);
        if (signed.status === 201)
          expect(await consistent(acme, signed.body.pledgeId as string)).toBe(true);
      }
    });
  });

  it('lets exactly one of 20 milestone reports with the same If-Match through, and keeps revisions contiguous', async () => {
    const acme = await api.signedPledge();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.post(`/v1/pledges/${acme.pledgeId}/milestones`, {
          key: acme.apiKey,
          body: { commitmentCode: 'ai-literacy', summary: `report ${i}` },
          headers: { 'if-match': '"0"' },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);

    // Without If-Match, every concurrent report lands, each at its own revision.
    const unconditional = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.post(`/v1/pledges/${acme.pledgeId}/milestones`, {
          key: acme.apiKey,
          body: { commitmentCode: 'ai-literacy', summary: `more ${i}` },
        }),
      ),
    );
    expect(unconditional.every((r) => r.status === 201)).toBe(true);
    const store = new SqliteEventStore({ filename: join(api.dataDir, 'events.db') });
    const events = await store.readStream(`pledge-${acme.pledgeId}`);
    await store.close();
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(events).toHaveLength(12);
  });
});

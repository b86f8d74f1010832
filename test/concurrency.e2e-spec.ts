import { SqliteEventStore } from '@pact/event-store';
import { join } from 'node:path';
import { pledgeBody, TestApp } from './support/test-app';

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

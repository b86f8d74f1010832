import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@pact/event-store';
import { ADMIN_KEY, expectProblem, TestApp, TestClock } from './support/test-app';

/** canonicalJSON and the chain hash exactly as api.md defines them, independent of the server's code. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('audit history over HTTP', () => {
  const clock = new TestClock(new Date('2026-02-01T10:00:00.000Z'));
  let api: TestApp;
  let reviewer: string;
  beforeAll(async () => {
    api = await TestApp.start({}, clock);
    reviewer = await api.issueKey('reviewer');
  });
  afterAll(() => api.stop());

  const report = (
    pledge: { pledgeId: string; apiKey: string },
    summary = 'progress',
    headers: Record<string, string> = {},
  ) =>
    api.post(`/v1/pledges/${pledge.pledgeId}/milestones`, {
      key: pledge.apiKey,
      body: { commitmentCode: 'ai-literacy', summary },
      headers,
    });
  const sql = () => new Database(join(api.dataDir, 'events.db'));

  it('returns every event with its metadata and hashes, which a client can verify with the api.md formula', async () => {
    const acme = await api.signedPledge();
    clock.advance(60_000);
    await report(acme, 'first', {
      'x-correlation-id': 'audit-trace-1',
      'idempotency-key': 'report-1',
    });
    clock.advance(60_000);
    await api.post(`/v1/pledges/${acme.pledgeId}/publish`, { key: reviewer, body: {} });
    const history = await api.get(`/v1/pledges/${acme.pledgeId}/history`, { key: acme.apiKey });
    expect(history.status).toBe(200);
    const events = history.body.events as any[];
    expect(events.map((e) => e.type)).toEqual([
      'PledgeSigned',
      'MilestoneReported',
      'PledgePublished',
    ]);
    expect(events[1]).toEqual({
      revision: 1,
      position: expect.stringMatching(/^\d+$/),
      eventId: expect.any(String),
      type: 'MilestoneReported',
      schemaVersion: 1,
      recordedAt: '2026-02-01T10:01:00.000Z',
      data: expect.objectContaining({ summary: 'first', cycle: 1 }),
      metadata: {
        actor: {
          keyId: expect.any(String),
          role: 'participant',
          organisationId: acme.organisationId,
        },
        correlationId: 'audit-trace-1',
        causationId: expect.any(String),
        idempotencyKey: 'report-1',
      },
      previousHash: events[0].hash,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(events[2].metadata.actor.role).toBe('reviewer');
    let previous = '0'.repeat(64);
    for (const e of events) {
      const { revision, eventId, type, schemaVersion, recordedAt, data, metadata } = e;
      const body = canonical({
        streamId: `pledge-${acme.pledgeId}`,
        revision,
        eventId,
        type,
        schemaVersion,
        recordedAt,
        data,
        metadata,
      });
      expect(e.previousHash).toBe(previous);
      expect(
        createHash('sha256')
          .update(previous + body)
          .digest('hex'),
      ).toBe(e.hash);
      previous = e.hash;
    }
  });

  it('pages and streams a pledge of 1,000 events', async () => {
    const acme = await api.signedPledge();
    for (let i = 1; i < 1000; i++) expect((await report(acme, `report ${i}`)).status).toBe(201);
    const path = `/v1/pledges/${acme.pledgeId}/history`;
    const first = await api.get(path, { key: reviewer });
    expect(first.body.events).toHaveLength(100);
    expect(first.body.nextFromRevision).toBe(100);
    const page = await api.get(`${path}?fromRevision=950&limit=100`, { key: reviewer });
    expect(page.body.events.map((e: { revision: number }) => e.revision)).toEqual(
      Array.from({ length: 50 }, (_, i) => 950 + i),
    );
    expect(page.body.nextFromRevision).toBeUndefined();
    const streamed = await api.get(path, {
      key: reviewer,
      headers: { accept: 'application/x-ndjson' },
    });
    expect(streamed.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = streamed.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { revision: number; hash: string });
    expect(lines.map((l) => l.revision)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const partial = await api.get(`${path}?fromRevision=990`, {
      key: reviewer,
      headers: { accept: 'application/x-ndjson' },
    });
    expect(partial.text.trim().split('\n')).toHaveLength(10);
    expectProblem(await api.get(`${path}?limit=1001`, { key: reviewer }), 400);
    const verified = await api.get(`${path}/verify`, { key: reviewer });
    expect(verified.body).toMatchObject({
      valid: true,
      eventCount: 1000,
      headHash: lines[999]!.hash,
    });
  }, 60000);

  it('takes minPosition on the queries that fold the log: waits for a position still to come, refuses a malformed one', async () => {
    const acme = await api.signedPledge();
    const practice = await api.post('/v1/practices', {
      key: acme.apiKey,
      body: {
        title: 'Model cards',
        summary: 'A card per model',
        body: 'Each model ships with a card.',
        category: 'transparency',
        implementationLevel: 'planned',
        publicationConsent: true,
      },
    });
    const routes = [
      `/v1/pledges/${acme.pledgeId}`,
      `/v1/pledges/${acme.pledgeId}/history`,
      `/v1/pledges/${acme.pledgeId}/history/verify`,
      `/v1/pledges/${acme.pledgeId}/history/diff?from=0&to=0`,
      `/v1/organisations/${acme.organisationId}`,
      `/v1/organisations/${acme.organisationId}/history`,
      `/v1/practices/${practice.body.practiceId}`,
    ];
    const at = (route: string, position: string) =>
      `${route}${route.includes('?') ? '&' : '?'}minPosition=${position}`;
    for (const route of routes) {
      expect({
        route,
        status: (await api.get(at(route, practice.body.position), { key: reviewer })).status,
      }).toEqual({ route, status: 200 });
      const malformed = await api.get(at(route, 'yesterday'), { key: reviewer });
      expectProblem(malformed, 400);
      expect(malformed.body.errors).toEqual([
        { field: 'minPosition', message: 'must be a position returned by a command' },
      ]);
    }

    // A position the log does not hold yet: the history waits for it, and shows the event written there.
    const head = BigInt((await api.get('/health')).body.details.eventStore.position);
    const waiting = api.get(at(`/v1/pledges/${acme.pledgeId}/history`, String(head + 1n)), {
      key: reviewer,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const reported = await report(acme, 'written while a reader waits');
    expect(reported.body.position).toBe(String(head + 1n));
    const history = await waiting;
    expect(history.status).toBe(200);
    expect(history.body.events.at(-1)).toMatchObject({
      type: 'MilestoneReported',
      position: String(head + 1n),
    });
  });

  it('is for the owner, reviewers and admins', async () => {
    const acme = await api.signedPledge();
    const other = await api.registerOrganisation({ name: 'Other' });
    const analyst = await api.issueKey('analyst');
    const path = `/v1/pledges/${acme.pledgeId}/history`;
    expect((await api.get(path, { key: ADMIN_KEY })).status).toBe(200);
    expectProblem(await api.get(path, { key: analyst }), 403);
    expectProblem(await api.get(path, { key: other.apiKey }), 404);
    expectProblem(await api.get(path), 401);
    expectProblem(await api.get(`${path}/verify`, { key: acme.apiKey }), 403);
    expectProblem(await api.get(`${path}/diff?from=0&to=0`, { key: other.apiKey }), 404);
    expectProblem(await api.get(`/v1/pledges/${randomUUID()}/history`, { key: reviewer }), 404);
  });

  it('reports an edited event at its revision', async () => {
    const acme = await api.signedPledge();
    for (const summary of ['a', 'b', 'c']) await report(acme, summary);
    const db = sql();
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.summary', 'rewritten') WHERE stream_id = ? AND revision = 2`,
    ).run(`pledge-${acme.pledgeId}`);
    db.close();
    const verified = await api.get(`/v1/pledges/${acme.pledgeId}/history/verify`, {
      key: reviewer,
    });
    expect(verified.body).toMatchObject({ valid: false, eventCount: 4, firstInvalidRevision: 2 });
  });

  it('reports edited metadata and a deleted event in the middle', async () => {
    const edited = await api.signedPledge();
    await report(edited);
    const deleted = await api.signedPledge();
    for (const summary of ['a', 'b', 'c']) await report(deleted, summary);
    const db = sql();
    db.prepare(
      `UPDATE events SET metadata = json_set(metadata, '$.actor.role', 'admin') WHERE stream_id = ? AND revision = 1`,
    ).run(`pledge-${edited.pledgeId}`);
    db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(
      `pledge-${deleted.pledgeId}`,
    );
    db.close();
    expect(
      (await api.get(`/v1/pledges/${edited.pledgeId}/history/verify`, { key: reviewer })).body,
    ).toMatchObject({ valid: false, firstInvalidRevision: 1 });
    expect(
      (await api.get(`/v1/pledges/${deleted.pledgeId}/history/verify`, { key: ADMIN_KEY })).body,
    ).toMatchObject({ valid: false, eventCount: 3, firstInvalidRevision: 1 });
  });

  it('reports a truncated tail against the sealed heads', async () => {
    const acme = await api.signedPledge();
    for (const summary of ['a', 'b', 'c']) await report(acme, summary);
    const sealed = await api.post('/v1/admin/audit/seal', { key: ADMIN_KEY });
    expect(sealed.status).toBe(200);
    expect(sealed.body).toMatchObject({
      position: expect.any(String),
      streams: expect.any(Number),
      root: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expectProblem(await api.post('/v1/admin/audit/seal', { key: reviewer }), 403);
    const path = `/v1/pledges/${acme.pledgeId}/history/verify`;
    expect((await api.get(path, { key: reviewer })).body).toMatchObject({
      valid: true,
      eventCount: 4,
      sealValid: true,
      sealedThrough: { revision: 3 },
    });
    const db = sql();
    db.prepare('DELETE FROM events WHERE stream_id = ? AND revision >= 2').run(
      `pledge-${acme.pledgeId}`,
    );
    db.close();
    expect((await api.get(path, { key: reviewer })).body).toMatchObject({
      valid: false,
      eventCount: 2,
      firstInvalidRevision: 2,
    });
    const appDb = new Database(join(api.dataDir, 'app.db'));
    appDb
      .prepare('UPDATE seal_heads SET revision = 1 WHERE stream_id = ?')
      .run(`pledge-${acme.pledgeId}`);
    appDb.close();
    // Lowering the sealed head to hide the cut is caught by the authenticated root.
    expect((await api.get(path, { key: ADMIN_KEY })).body).toMatchObject({
      valid: false,
      sealValid: false,
    });
  });

  it('shows what changed between two revisions', async () => {
    const acme = await api.signedPledge();
    const pledge = (await api.get(`/v1/pledges/${acme.pledgeId}`, { key: acme.apiKey })).body;
    const actionId = pledge.commitments[2].actions[0].actionId;
    await api.post(`/v1/pledges/${acme.pledgeId}/milestones`, {
      key: acme.apiKey,
      body: {
        commitmentCode: 'ai-literacy',
        summary: 'Done',
        actionUpdates: [{ actionId, status: 'done' }],
      },
    });
    await api.post(`/v1/pledges/${acme.pledgeId}/publish`, { key: reviewer, body: {} });
    const diff = await api.get(`/v1/pledges/${acme.pledgeId}/history/diff?from=0&to=2`, {
      key: acme.apiKey,
    });
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({
      from: 0,
      to: 2,
      events: [
        { revision: 1, type: 'MilestoneReported' },
        { revision: 2, type: 'PledgePublished' },
      ],
      changes: {
        status: { from: 'signed', to: 'published' },
        actionStatusChanges: [
          { commitmentCode: 'ai-literacy', actionId, status: { from: 'planned', to: 'done' } },
        ],
        milestonesReported: [{ commitmentCode: 'ai-literacy', cycle: 1, summary: 'Done' }],
      },
    });
    expectProblem(
      await api.get(`/v1/pledges/${acme.pledgeId}/history/diff?from=2&to=1`, { key: reviewer }),
      400,
    );
    expectProblem(
      await api.get(`/v1/pledges/${acme.pledgeId}/history/diff?from=0&to=9`, { key: reviewer }),
      404,
    );
    expectProblem(
      await api.get(`/v1/pledges/${acme.pledgeId}/history/diff?from=0`, { key: reviewer }),
      400,
    );
  });

  it('merges an organisation history across its streams, upcasting old practice events beside the stored form', async () => {
    const acme = await api.signedPledge();
    // A practice shared before the language field existed: schema version 1, written as it was then.
    const store = new SqliteEventStore({ filename: join(api.dataDir, 'events.db') });
    const practiceId = randomUUID();
    const old = await store.append(
      `practice-${practiceId}`,
      [
        {
          eventId: randomUUID(),
          type: 'PracticeShared',
          schemaVersion: 1,
          recordedAt: clock.now().toISOString(),
          data: {
            practiceId,
            organisationId: acme.organisationId,
            title: 'Old practice',
            summary: 's',
            body: 'b',
            category: 'c',
            implementationLevel: 'planned',
            tags: [],
            publicationConsent: true,
            sharedAt: clock.now().toISOString(),
          },
          metadata: {
            actor: { keyId: 'legacy', role: 'participant', organisationId: acme.organisationId },
            correlationId: 'c',
            causationId: 'c',
          },
        },
      ],
      'no-stream',
    );
    await store.close();
    await report(acme);
    await api.get(`/v1/practices?minPosition=${old.position}`);
    const history = await api.get(`/v1/organisations/${acme.organisationId}/history`, {
      key: reviewer,
    });
    expect(history.status).toBe(200);
    const events = history.body.events as any[];
    expect(events.map((e) => [e.streamId.split('-')[0], e.type])).toEqual([
      ['organisation', 'OrganisationRegistered'],
      ['pledge', 'PledgeSigned'],
      ['practice', 'PracticeShared'],
      ['pledge', 'MilestoneReported'],
    ]);
    const positions = events.map((e) => BigInt(e.position));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(events[2]).toMatchObject({
      schemaVersion: 1,
      data: { title: 'Old practice' },
      current: { schemaVersion: 2, data: { language: 'en' } },
    });
    expect(events[2].data.language).toBeUndefined();
    expect((await api.get(`/v1/practices/${practiceId}`, { key: acme.apiKey })).body).toMatchObject(
      { language: 'en' },
    );
    const listed = await api.get(
      `/v1/practices?organisationId=${acme.organisationId}&language=en`,
      { key: reviewer },
    );
    expect(listed.body.items.map((p: { title: string }) => p.title)).toEqual(['Old practice']);
    expectProblem(
      await api.get(`/v1/organisations/${acme.organisationId}/history`, {
        key: (await api.registerOrganisation()).apiKey,
      }),
      404,
    );
  });
});

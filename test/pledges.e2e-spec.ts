import { handle } from '@pact/application';
import { pledgeDecider, pledgeStream } from '@pact/domain';
import { SqliteEventStore } from '@pact/event-store';
import { join } from 'node:path';
import {
  commitment,
  CORE_CODES,
  expectProblem,
  pledgeBody,
  TestApp,
  TestClock,
} from './support/test-app';
import { WebClient } from './support/web-client';

describe('pledges over HTTP', () => {
  const clock = new TestClock();
  let api: TestApp;
  let reviewer: string;
  beforeAll(async () => {
    api = await TestApp.start({}, clock);
    reviewer = await api.issueKey('reviewer');
  });
  afterAll(() => api.stop());

  it('signs a pledge and reads it back folded from its stream', async () => {
    const acme = await api.registerOrganisation();
    const signed = await api.post('/v1/pledges', {
      key: acme.apiKey,
      body: pledgeBody([...CORE_CODES, 'provider-logging']),
    });
    expect(signed.status).toBe(201);
    expect(signed.body).toEqual({
      pledgeId: expect.any(String),
      revision: 0,
      position: expect.any(String),
    });
    expect(signed.headers.get('location')).toBe(`/v1/pledges/${signed.body.pledgeId}`);
    const pledge = await api.get(`/v1/pledges/${signed.body.pledgeId}`, { key: acme.apiKey });
    expect(pledge.status).toBe(200);
    expect(pledge.headers.get('etag')).toBe('"0"');
    expect(pledge.body).toMatchObject({
      pledgeId: signed.body.pledgeId,
      organisationId: acme.organisationId,
      status: 'signed',
      signedAt: clock.now().toISOString(),
      signatory: { name: 'Grace Hopper', position: 'Chief Executive' },
      catalogueVersion: '2024-09',
      reporting: { cycle: 1, dueAt: '2027-01-15T09:00:00.000Z', status: 'on-track' },
      revision: 0,
    });
    expect(
      pledge.body.commitments.map((c: { code: string; tier: string }) => [c.code, c.tier]),
    ).toEqual([
      ['ai-governance-strategy', 'core'],
      ['high-risk-mapping', 'core'],
      ['ai-literacy', 'core'],
      ['provider-logging', 'additional'],
    ]);
    expect(pledge.body.commitments[0].actions[0]).toEqual({
      actionId: expect.any(String),
      description: 'Step 1 of ai-governance-strategy',
      status: 'planned',
      targetDate: '2027-06-30',
      // The governance strategy names no particular provision: nothing to plan against.
      appliesFrom: null,
      afterApplication: false,
    });
    // AI literacy (Art. 4) applies from 2 February 2025: an action for mid-2027 comes after it.
    const literacy = pledge.body.commitments[2];
    expect(literacy.provisions).toEqual([
      { provision: 'Art. 4', link: 'implements', appliesFrom: '2025-02-02' },
    ]);
    expect(literacy.actions[0]).toMatchObject({
      appliesFrom: '2025-02-02',
      afterApplication: true,
    });
  });

  it('refuses pledges that break the rules', async () => {
    const provider = await api.registerOrganisation({ roles: ['provider'] });
    const bad = async (body: unknown) => api.post('/v1/pledges', { key: provider.apiKey, body });
    expectProblem(await bad(pledgeBody(['ai-literacy', 'high-risk-mapping'])), 400);
    expectProblem(await bad(pledgeBody([...CORE_CODES, 'deployer-human-oversight'])), 400);
    expectProblem(await bad(pledgeBody([...CORE_CODES, 'made-up'])), 400);
    expectProblem(await bad(pledgeBody([...CORE_CODES, 'ai-literacy'])), 400);
    const withActions = (actions: unknown[]) => ({
      ...pledgeBody(),
      commitments: [
        { code: 'ai-literacy', actions },
        ...pledgeBody(['ai-governance-strategy', 'high-risk-mapping']).commitments,
      ],
    });
    expectProblem(await bad(withActions([])), 400);
    expectProblem(await bad(withActions(commitment('x', 21).actions)), 400);
    expectProblem(
      await bad(withActions([{ description: 'd', status: 'planned', targetDate: '2033-01-01' }])),
      400,
    );
    expectProblem(
      await bad(withActions([{ description: 'd', status: 'planned', targetDate: '2024-07-31' }])),
      400,
    );
    expectProblem(
      await bad(withActions([{ description: 'd', status: 'started', targetDate: '2026-01-01' }])),
      400,
    );
    expectProblem(
      await bad(withActions([{ description: 'd', status: 'planned', targetDate: 'soon' }])),
      400,
    );
    expectProblem(await bad({ ...pledgeBody(), signatory: { name: 'A' } }), 400);
  });

  it('refuses a list where an object belongs, at every depth, naming the place', async () => {
    const acme = await api.signedPledge();
    const path = `/v1/pledges/${acme.pledgeId}`;
    const cases: [string, object, { field: string; message: string }][] = [
      [
        '/v1/pledges',
        { ...pledgeBody(), signatory: [] },
        { field: 'signatory', message: 'signatory must be an object' },
      ],
      [
        '/v1/pledges',
        { ...pledgeBody(), commitments: [[]] },
        { field: 'commitments', message: 'each value in commitments must be an object' },
      ],
      [
        `${path}/commitments`,
        { code: 'provider-logging', actions: [[]] },
        { field: 'actions', message: 'each value in actions must be an object' },
      ],
      [
        `${path}/commitments`,
        { code: 'provider-logging', actions: [null] },
        { field: 'actions', message: 'each value in actions must be an object' },
      ],
      [
        `${path}/milestones`,
        { commitmentCode: 'ai-literacy', summary: 's', actionUpdates: [[]] },
        { field: 'actionUpdates', message: 'each value in actionUpdates must be an object' },
      ],
    ];
    for (const [url, body, error] of cases) {
      const refused = await api.post(url, { key: acme.apiKey, body });
      expectProblem(refused, 400);
      expect(refused.body.errors).toEqual([error]);
    }
    expect((await api.get(path, { key: acme.apiKey })).body.revision).toBe(0);
  });

  it('allows one pledge per organisation until it is withdrawn', async () => {
    const acme = await api.signedPledge();
    const second = await api.post('/v1/pledges', { key: acme.apiKey, body: pledgeBody() });
    expectProblem(second, 409);
    // A signature that breaks the rules is a 400 even while the organisation holds a live pledge.
    const broken = await api.post('/v1/pledges', {
      key: acme.apiKey,
      body: pledgeBody(['ai-literacy', 'high-risk-mapping']),
    });
    expectProblem(broken, 400);
    const withdrawn = await api.post(`/v1/pledges/${acme.pledgeId}/withdraw`, {
      key: acme.apiKey,
      body: { reason: 'Restructuring' },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ revision: 1, position: expect.any(String) });
    // Withdrawal cancels every prompt to come: nothing is due any more.
    expect(
      (await api.get(`/v1/pledges/${acme.pledgeId}`, { key: acme.apiKey })).body,
    ).toMatchObject({
      status: 'withdrawn',
      reporting: { dueAt: null, status: 'withdrawn' },
    });
    const again = await api.post('/v1/pledges', { key: acme.apiKey, body: pledgeBody() });
    expect(again.status).toBe(201);
    expect(again.body.pledgeId).not.toBe(acme.pledgeId);
  });

  it('reports milestones into the earliest incomplete cycle and completes it', async () => {
    const acme = await api.signedPledge();
    const path = `/v1/pledges/${acme.pledgeId}`;
    const pledge = (await api.get(path, { key: acme.apiKey })).body;
    const actionId = pledge.commitments[2].actions[0].actionId;
    const first = await api.post(`${path}/milestones`, {
      key: acme.apiKey,
      body: {
        commitmentCode: 'ai-literacy',
        summary: 'Trained 200 staff',
        actionUpdates: [{ actionId, status: 'done' }],
        evidenceUrls: ['https://acme.example/report.pdf'],
      },
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      milestoneId: expect.any(String),
      cycle: 1,
      revision: 1,
      position: expect.any(String),
    });
    await api.post(`${path}/milestones`, {
      key: acme.apiKey,
      body: { commitmentCode: 'ai-governance-strategy', summary: 'Adopted' },
    });
    const last = await api.post(`${path}/milestones`, {
      key: acme.apiKey,
      body: { commitmentCode: 'high-risk-mapping', summary: 'Mapped' },
    });
    expect(last.body).toMatchObject({ cycle: 1, revision: 4 });
    const next = await api.post(`${path}/milestones`, {
      key: acme.apiKey,
      body: { commitmentCode: 'ai-literacy', summary: 'More training' },
    });
    expect(next.body).toMatchObject({ cycle: 2, revision: 5 });
    const after = (await api.get(path, { key: acme.apiKey })).body;
    expect(after.reporting).toMatchObject({ cycle: 2, dueAt: '2028-01-15T09:00:00.000Z' });
    expect(after.commitments[2].actions[0].status).toBe('done');
    expect(after.commitments[2].milestones.map((m: { cycle: number }) => m.cycle)).toEqual([1, 2]);
  });

  it('refuses milestones that name what the pledge does not hold', async () => {
    const acme = await api.signedPledge();
    const path = `/v1/pledges/${acme.pledgeId}/milestones`;
    expectProblem(
      await api.post(path, {
        key: acme.apiKey,
        body: { commitmentCode: 'provider-logging', summary: 's' },
      }),
      400,
    );
    expectProblem(
      await api.post(path, {
        key: acme.apiKey,
        body: {
          commitmentCode: 'ai-literacy',
          summary: 's',
          actionUpdates: [{ actionId: 'nope', status: 'done' }],
        },
      }),
      400,
    );
    expectProblem(
      await api.post(path, {
        key: acme.apiKey,
        body: {
          commitmentCode: 'ai-literacy',
          summary: 's',
          evidenceUrls: ['http://insecure.example'],
        },
      }),
      400,
    );
    expectProblem(
      await api.post(path, { key: acme.apiKey, body: { commitmentCode: 'ai-literacy' } }),
      400,
    );
  });

  it('adds incremental objectives that fit the organisation roles', async () => {
    const acme = await api.signedPledge({ roles: ['deployer'] });
    const path = `/v1/pledges/${acme.pledgeId}/commitments`;
    const added = await api.post(path, {
      key: acme.apiKey,
      body: commitment('deployer-worker-information', 2),
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ revision: 1, position: expect.any(String) });
    expectProblem(
      await api.post(path, { key: acme.apiKey, body: commitment('deployer-worker-information') }),
      409,
    );
    // A refusal names the body's own fields: the commitment is the body.
    const otherRole = await api.post(path, {
      key: acme.apiKey,
      body: commitment('provider-logging'),
    });
    expectProblem(otherRole, 400);
    expect(otherRole.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    const unknown = await api.post(path, { key: acme.apiKey, body: commitment('no-such-code') });
    expectProblem(unknown, 400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    const pledge = (await api.get(`/v1/pledges/${acme.pledgeId}`, { key: acme.apiKey })).body;
    expect(pledge.commitments.at(-1)).toMatchObject({
      code: 'deployer-worker-information',
      tier: 'additional',
    });
  });

  it('lets reviewers review milestones and publish; the public then sees the pledge without personal data', async () => {
    const acme = await api.signedPledge();
    const path = `/v1/pledges/${acme.pledgeId}`;
    const { milestoneId } = (
      await api.post(`${path}/milestones`, {
        key: acme.apiKey,
        body: { commitmentCode: 'ai-literacy', summary: 's' },
      })
    ).body;
    expectProblem(await api.get(path), 404);
    const review = await api.post(`${path}/milestones/${milestoneId}/review`, {
      key: reviewer,
      body: { outcome: 'clarification-requested', comment: 'Which staff?' },
    });
    expect(review.status).toBe(200);
    expect(review.body).toEqual({ revision: 2, position: expect.any(String) });
    expectProblem(
      await api.post(`${path}/milestones/${milestoneId}/review`, {
        key: acme.apiKey,
        body: { outcome: 'accepted', comment: '' },
      }),
      403,
    );
    expectProblem(
      await api.post(`${path}/milestones/unknown/review`, {
        key: reviewer,
        body: { outcome: 'accepted', comment: '' },
      }),
      404,
    );
    expectProblem(
      await api.post(`${path}/milestones/${milestoneId}/review`, {
        key: reviewer,
        body: { outcome: 'great', comment: '' },
      }),
      400,
    );

    expectProblem(await api.post(`${path}/publish`, { key: acme.apiKey, body: {} }), 403);
    const published = await api.post(`${path}/publish`, { key: reviewer, body: {} });
    expect(published.status).toBe(200);
    expectProblem(await api.post(`${path}/publish`, { key: reviewer, body: {} }), 409);
    expectProblem(await api.post(`${path}/publish`, { key: reviewer, body: { now: true } }), 400);

    const anonymous = await api.get(path);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expect(anonymous.body.signatory).toBeUndefined();
    expect(anonymous.text).not.toContain('Grace Hopper');
    expect(anonymous.body.commitments[2].milestones[0].review).toMatchObject({
      outcome: 'clarification-requested',
    });
  });

  it('hides pledges from other organisations and refuses commands from the wrong roles', async () => {
    const acme = await api.signedPledge();
    const other = await api.registerOrganisation({ name: 'Other' });
    const analyst = await api.issueKey('analyst');
    const path = `/v1/pledges/${acme.pledgeId}`;
    expectProblem(await api.get(path, { key: other.apiKey }), 404);
    expectProblem(await api.get(path, { key: analyst }), 403);
    expect((await api.get(path, { key: reviewer })).status).toBe(200);
    expectProblem(
      await api.post(`${path}/milestones`, {
        key: other.apiKey,
        body: { commitmentCode: 'ai-literacy', summary: 's' },
      }),
      404,
    );
    expectProblem(
      await api.post(`${path}/withdraw`, { key: other.apiKey, body: { reason: 'r' } }),
      404,
    );
    expectProblem(
      await api.post(`${path}/withdraw`, { key: reviewer, body: { reason: 'r' } }),
      403,
    );
    expectProblem(await api.post('/v1/pledges', { key: reviewer, body: pledgeBody() }), 403);
    expectProblem(await api.post('/v1/pledges', { body: pledgeBody() }), 401);
    expectProblem(
      await api.post(`/v1/pledges/00000000-0000-0000-0000-000000000000/milestones`, {
        key: acme.apiKey,
        body: { commitmentCode: 'ai-literacy', summary: 's' },
      }),
      404,
    );
  });

  it('accepts nothing on a withdrawn pledge', async () => {
    const acme = await api.signedPledge();
    const path = `/v1/pledges/${acme.pledgeId}`;
    await api.post(`${path}/withdraw`, { key: acme.apiKey, body: { reason: 'Closing down' } });
    expectProblem(
      await api.post(`${path}/withdraw`, { key: acme.apiKey, body: { reason: 'again' } }),
      409,
    );
    expectProblem(
      await api.post(`${path}/milestones`, {
        key: acme.apiKey,
        body: { commitmentCode: 'ai-literacy', summary: 's' },
      }),
      409,
    );
    expectProblem(
      await api.post(`${path}/commitments`, {
        key: acme.apiKey,
        body: commitment('provider-logging'),
      }),
      409,
    );
    expectProblem(await api.post(`${path}/publish`, { key: reviewer, body: {} }), 409);
    const pledge = (await api.get(path, { key: acme.apiKey })).body;
    expect(pledge).toMatchObject({
      status: 'withdrawn',
      reporting: { status: 'withdrawn' },
      revision: 1,
    });
  });

  it('answers 412 on an If-Match mismatch and writes nothing', async () => {
    const acme = await api.signedPledge();
    const path = `/v1/pledges/${acme.pledgeId}`;
    const body = { commitmentCode: 'ai-literacy', summary: 's' };
    expect(
      (
        await api.post(`${path}/milestones`, {
          key: acme.apiKey,
          body,
          headers: { 'if-match': '"0"' },
        })
      ).status,
    ).toBe(201);
    const stale = await api.post(`${path}/milestones`, {
      key: acme.apiKey,
      body,
      headers: { 'if-match': '"0"' },
    });
    expectProblem(stale, 412);
    expect(stale.headers.get('etag')).toBe('"1"');
    expectProblem(
      await api.post(`${path}/milestones`, {
        key: acme.apiKey,
        body,
        headers: { 'if-match': 'yesterday' },
      }),
      400,
    );
    expect((await api.get(path, { key: acme.apiKey })).body.revision).toBe(1);
  });

  it('answers 412 to a signature that expects a revision of a pledge not yet written', async () => {
    const acme = await api.registerOrganisation();
    const refused = await api.post('/v1/pledges', {
      key: acme.apiKey,
      body: pledgeBody(),
      headers: { 'if-match': '"0"' },
    });
    expectProblem(refused, 412);
    expect(refused.body.detail).toBe(
      'The resource does not exist yet, so it is at no revision, not 0',
    );
    expect(refused.headers.get('etag')).toBeNull();
    expect((await api.post('/v1/pledges', { key: acme.apiKey, body: pledgeBody() })).status).toBe(
      201,
    );
  });

  it('reads a pledge as it is now, after a write by another process on the same log too', async () => {
    const acme = await api.signedPledge();
    const path = `/v1/pledges/${acme.pledgeId}`;
    await api.post(`${path}/milestones`, {
      key: acme.apiKey,
      body: { commitmentCode: 'ai-literacy', summary: 's' },
    });
    expect((await api.get(path, { key: acme.apiKey })).body).toMatchObject({
      status: 'signed',
      revision: 1,
    });
    // Another process (a second replica, say) withdraws the pledge, writing the same log.
    const other = new SqliteEventStore({ filename: join(api.dataDir, 'events.db') });
    try {
      await handle(
        other,
        pledgeDecider,
        pledgeStream(acme.pledgeId),
        {
          type: 'WithdrawPledge',
          data: { reason: 'elsewhere', withdrawnAt: clock.now().toISOString() },
        },
        {
          commandId: 'withdrawn-elsewhere',
          actor: { keyId: 'k', role: 'participant', organisationId: acme.organisationId },
          correlationId: 'c',
          causationId: 'c',
          now: clock.now(),
        },
      );
    } finally {
      await other.close();
    }
    const now = await api.get(path, { key: acme.apiKey });
    expect(now.headers.get('etag')).toBe('"2"');
    expect(now.body).toMatchObject({ status: 'withdrawn', revision: 2 });
    expect(now.body.commitments[2].milestones).toHaveLength(1);
    // Its page, which reads it the same way, to its owner signed in.
    const owner = new WebClient(api.url);
    await owner.signIn(acme.apiKey);
    const page = await owner.get(`/pledges/${acme.pledgeId}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Withdrawn');
  });

  it('shows the pledge as it was at a revision or an instant', async () => {
    clock.set('2026-03-01T10:00:00.000Z');
    const acme = await api.signedPledge();
    const path = `/v1/pledges/${acme.pledgeId}`;
    clock.set('2026-04-01T10:00:00.000Z');
    await api.post(`${path}/milestones`, {
      key: acme.apiKey,
      body: { commitmentCode: 'ai-literacy', summary: 's' },
    });
    clock.set('2026-05-01T10:00:00.000Z');
    await api.post(`${path}/publish`, { key: reviewer, body: {} });

    const at = async (query: string) =>
      (await api.get(`${path}?${query}`, { key: acme.apiKey })).body;
    expect(await at('revision=0')).toMatchObject({ status: 'signed', revision: 0 });
    expect((await at('revision=1')).commitments[2].milestones).toHaveLength(1);
    expect(await at('asOf=2026-04-01T10:00:00.000Z')).toMatchObject({
      status: 'signed',
      revision: 1,
    });
    expect(await at('asOf=2026-04-30T00:00:00Z')).toMatchObject({ status: 'signed', revision: 1 });
    expect(await at('asOf=2026-05-01T10:00:00.000Z')).toMatchObject({
      status: 'published',
      revision: 2,
    });
    expectProblem(await api.get(`${path}?asOf=2026-02-01T00:00:00Z`, { key: acme.apiKey }), 404);
    expectProblem(await api.get(`${path}?asOf=last-week`, { key: acme.apiKey }), 400);
    // No such day: not read as 2 March, as Date would.
    expectProblem(await api.get(`${path}?asOf=2026-02-30T00:00:00Z`, { key: acme.apiKey }), 400);
    // Without an offset an instant is UTC; with one, it is that offset's.
    expect(await at('asOf=2026-05-01T10:00')).toMatchObject({ status: 'published', revision: 2 });
    expect(await at('asOf=2026-05-01T11:59:59%2B02:00')).toMatchObject({ revision: 1 });
    expectProblem(await api.get(`${path}?revision=-1`, { key: acme.apiKey }), 400);
    const beyond = await api.get(`${path}?revision=3`, { key: acme.apiKey });
    expectProblem(beyond, 404);
    expect(beyond.body.detail).toBe('The pledge has no revision 3');
    // Published: anyone sees it now, but only those who may audit it see it as it was.
    expect((await api.get(path)).status).toBe(200);
    const anonymous = await api.get(`${path}?revision=0`);
    expectProblem(anonymous, 401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expectProblem(
      await api.get(`${path}?asOf=2026-04-01T10:00:00Z`, { key: await api.issueKey('analyst') }),
      403,
    );
    const other = await api.registerOrganisation();
    expectProblem(await api.get(`${path}?revision=0`, { key: other.apiKey }), 404);
    expect((await api.get(path, { key: other.apiKey })).status).toBe(200);
    clock.set('2026-01-15T09:00:00.000Z');
  });
});

describe('the signing cut-off (SIGNING_CLOSES_AT)', () => {
  const clock = new TestClock(new Date('2027-12-01T23:59:59.000Z'));
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ SIGNING_CLOSES_AT: '2027-12-02T00:00:00Z' }, clock);
  });
  afterAll(() => api.stop());

  it('takes signatures until the instant, then refuses them with 409 and records nothing', async () => {
    const early = await api.registerOrganisation();
    expect((await api.post('/v1/pledges', { key: early.apiKey, body: pledgeBody() })).status).toBe(
      201,
    );

    const late = await api.registerOrganisation();
    clock.set('2027-12-02T00:00:00.000Z');
    const refused = await api.post('/v1/pledges', { key: late.apiKey, body: pledgeBody() });
    expectProblem(refused, 409);
    expect(refused.body.detail).toBe(
      'Signing closed at 2027-12-02T00:00:00.000Z: the AI Pact takes no new pledges',
    );
    // The registry, once it has the late registration, holds the early pledge only.
    const { position } = late as unknown as { position: string };
    const analyst = await api.issueKey('analyst');
    const registry = await api.get(`/v1/registry/pledges?minPosition=${position}`, {
      key: analyst,
    });
    expect(registry.body.total).toBe(1);
  });
});

import { loadConfig } from '@pact/application';
import { SqliteEventStore } from '@pact/event-store';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  ADMIN_KEY,
  expectProblem,
  organisationBody,
  pledgeBody,
  TestApp,
  TestClock,
} from './support/test-app';

describe('HTTP conventions', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  const countEvents = async () => {
    const store = new SqliteEventStore({ filename: join(api.dataDir, 'events.db') });
    const head = await store.headPosition();
    await store.close();
    return head;
  };

  it('answers 415 to a body that is not JSON', async () => {
    expectProblem(
      await api.post('/v1/organisations', {
        rawBody: 'name=Acme',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
    );
    expectProblem(
      await api.post('/v1/organisations', {
        rawBody: 'hello',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
    );
  });

  it('takes JSON with a UTF-8 charset, as many clients send it, and refuses another charset', async () => {
    for (const [contentType, name] of [
      ['application/json; charset=utf-8', 'Charset Lower'],
      ['application/json;charset=UTF-8', 'Charset Upper'],
      ['application/json; charset="utf-8"', 'Charset Quoted'],
    ] as const) {
      const registered = await api.post('/v1/organisations', {
        rawBody: JSON.stringify(organisationBody({ name })),
        headers: { 'content-type': contentType },
      });
      expect({ contentType, status: registered.status }).toEqual({ contentType, status: 201 });
      const participant = registered.body.apiKey as string;
      const signed = await api.post('/v1/pledges', {
        key: participant,
        rawBody: JSON.stringify(pledgeBody()),
        headers: { 'content-type': contentType },
      });
      expect({ contentType, status: signed.status }).toEqual({ contentType, status: 201 });
    }
    const before = await countEvents();
    const refused = await api.post('/v1/organisations', {
      rawBody: JSON.stringify(organisationBody({ name: 'Charset Latin' })),
      headers: { 'content-type': 'application/json; charset=iso-8859-1' },
    });
    expectProblem(refused, 415);
    expect(await countEvents()).toBe(before);
  });

  it('answers 413 past 256 KiB', async () => {
    const response = await api.post('/v1/organisations', {
      body: organisationBody({ name: 'x'.repeat(300 * 1024) }),
    });
    expectProblem(response, 413);
  });

  it('answers 400 to malformed JSON, non-object bodies and prototype keys, and writes nothing', async () => {
    const before = await countEvents();
    const json = { 'content-type': 'application/json' };
    expectProblem(await api.post('/v1/organisations', { rawBody: '{"name":', headers: json }), 400);
    expectProblem(await api.post('/v1/organisations', { rawBody: '[1,2]', headers: json }), 400);
    expectProblem(await api.post('/v1/organisations', { rawBody: '"text"', headers: json }), 400);
    expectProblem(await api.post('/v1/organisations', { rawBody: 'null', headers: json }), 400);
    expectProblem(
      await api.post('/v1/organisations', {
        rawBody: '{"__proto__":{"admin":true}}',
        headers: json,
      }),
      400,
    );
    expectProblem(
      await api.post('/v1/organisations', {
        body: {
          ...organisationBody(),
          contact: { name: 'A', email: 'a@b.example', constructor: { prototype: {} } },
        },
      }),
      400,
    );
    expectProblem(
      await api.post('/v1/organisations', { body: { ...organisationBody(), name: { $gt: '' } } }),
      400,
    );
    expect(await countEvents()).toBe(before);
  });

  it('refuses a field in the body of a command that takes none, and does nothing', async () => {
    const key = await api.issueKey('analyst');
    const keyId = key.split('_')[1]!;
    const head = await countEvents();
    for (const [method, path] of [
      ['POST', '/v1/admin/audit/seal'],
      ['POST', '/v1/admin/projections/registry/rebuild'],
      ['POST', '/v1/admin/projections/dead-letters/replay'],
      ['POST', `/v1/admin/deliveries/${randomUUID()}/webhook/retry`],
      ['DELETE', `/v1/api-keys/${keyId}`],
    ] as const) {
      const response = await api.request(method, path, { key: ADMIN_KEY, body: { force: true } });
      expectProblem(response, 400);
      expect({ path, errors: response.body.errors }).toEqual({
        path,
        errors: [{ field: 'force', message: 'property force should not exist' }],
      });
    }
    expect(await countEvents()).toBe(head);
    // The key is not revoked.
    expect((await api.get('/v1/analytics/summary', { key })).status).toBe(200);
  });

  it('answers unknown routes with a 404 problem', async () => {
    expectProblem(await api.get('/v1/unknown'), 404);
  });

  it('replays the first response for a repeated Idempotency-Key and writes once', async () => {
    const headers = { 'idempotency-key': 'register-acme-1' };
    const first = await api.post('/v1/organisations', { body: organisationBody(), headers });
    const before = await countEvents();
    const second = await api.post('/v1/organisations', { body: organisationBody(), headers });
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await countEvents()).toBe(before);
    expectProblem(
      await api.post('/v1/organisations', { body: organisationBody({ name: 'Else' }), headers }),
      422,
    );
  });

  it('scopes idempotency keys to the caller and replays refusals too', async () => {
    const acme = await api.registerOrganisation();
    const other = await api.registerOrganisation({ name: 'Other' });
    const headers = { 'idempotency-key': 'sign-1' };
    const signed = await api.post('/v1/pledges', { key: acme.apiKey, body: pledgeBody(), headers });
    expect(signed.status).toBe(201);
    const replay = await api.post('/v1/pledges', { key: acme.apiKey, body: pledgeBody(), headers });
    expect(replay.body).toEqual(signed.body);
    expect(
      (await api.post('/v1/pledges', { key: other.apiKey, body: pledgeBody(), headers })).status,
    ).toBe(201);
    const third = await api.registerOrganisation({ name: 'Third' });
    const refused = await api.post('/v1/pledges', {
      key: third.apiKey,
      body: pledgeBody(['ai-literacy']),
      headers: { 'idempotency-key': 'bad-1' },
    });
    expectProblem(refused, 400);
    const refusedAgain = await api.post('/v1/pledges', {
      key: third.apiKey,
      body: pledgeBody(['ai-literacy']),
      headers: { 'idempotency-key': 'bad-1' },
    });
    expectProblem(refusedAgain, 400);
    expect(refusedAgain.body).toEqual(refused.body);
    expect(refusedAgain.headers.get('idempotent-replayed')).toBe('true');
    // As api.md reads: the key is the first request's, refused or not; another body is 422.
    expectProblem(
      await api.post('/v1/pledges', {
        key: third.apiKey,
        body: pledgeBody(),
        headers: { 'idempotency-key': 'bad-1' },
      }),
      422,
    );
    expectProblem(
      await api.post('/v1/pledges', {
        key: acme.apiKey,
        body: pledgeBody(),
        headers: { 'idempotency-key': 'x'.repeat(201) },
      }),
      400,
    );
  });

  it('keeps no 412 for a key: a retry that corrects its If-Match is carried out', async () => {
    const acme = await api.signedPledge();
    const path = `/v1/pledges/${acme.pledgeId}/milestones`;
    const body = { commitmentCode: 'ai-literacy', summary: 'Training started' };
    const headers = { 'idempotency-key': 'report-1' };
    const stale = await api.post(path, {
      key: acme.apiKey,
      body,
      headers: { ...headers, 'if-match': '"7"' },
    });
    expectProblem(stale, 412);
    const before = await countEvents();
    const same = await api.post(path, {
      key: acme.apiKey,
      body,
      headers: { ...headers, 'if-match': '"7"' },
    });
    expectProblem(same, 412);
    expect(same.body).toEqual(stale.body);
    expect(await countEvents()).toBe(before);
    const corrected = await api.post(path, {
      key: acme.apiKey,
      body,
      headers: { ...headers, 'if-match': '"0"' },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.revision).toBe(1);
    const replay = await api.post(path, {
      key: acme.apiKey,
      body,
      headers: { ...headers, 'if-match': '"0"' },
    });
    expect(replay.body).toEqual(corrected.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await countEvents()).toBe(before + 1n);
  });

  it('carries the correlation id, actor and idempotency key into event metadata', async () => {
    const acme = await api.registerOrganisation();
    const response = await api.post('/v1/pledges', {
      key: acme.apiKey,
      body: pledgeBody(),
      headers: { 'x-correlation-id': 'trace-123', 'idempotency-key': 'meta-1' },
    });
    expect(response.headers.get('x-correlation-id')).toBe('trace-123');
    const store = new SqliteEventStore({ filename: join(api.dataDir, 'events.db') });
    const [signed] = await store.readStream(`pledge-${response.body.pledgeId}`);
    await store.close();
    expect(signed!.metadata).toEqual({
      actor: {
        keyId: expect.any(String),
        role: 'participant',
        organisationId: acme.organisationId,
      },
      correlationId: 'trace-123',
      causationId: expect.any(String),
      idempotencyKey: 'meta-1',
    });
    expect(JSON.stringify({ ...signed, position: String(signed!.position) })).not.toContain(
      acme.apiKey,
    );
  });

  it('never stores API keys or webhook secrets in the clear', async () => {
    const acme = await api.registerOrganisation();
    const { readFileSync, readdirSync } = await import('node:fs');
    const files = readdirSync(api.dataDir)
      .map((name) => readFileSync(join(api.dataDir, name)).toString('latin1'))
      .join('\n');
    expect(files).not.toContain(acme.apiKey.split('_').slice(2).join('_'));
    expect(files).not.toContain(acme.webhookSecret);
  });

  it('reports health', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' } } });
  });

  it('accepts the bootstrap admin key', async () => {
    expect(
      (await api.post('/v1/api-keys', { key: ADMIN_KEY, body: { role: 'analyst', label: 'a' } }))
        .status,
    ).toBe(201);
  });
});

describe('rate limit on anonymous registration', () => {
  let api: TestApp;
  const clock = new TestClock();
  beforeAll(async () => (api = await TestApp.start({ REGISTRATION_RATE_LIMIT: '3' }, clock)));
  afterAll(() => api.stop());

  it('answers 429 with Retry-After past the limit per address, writes nothing, and does not count key holders', async () => {
    for (let i = 0; i < 3; i++)
      expect((await api.post('/v1/organisations', { body: organisationBody() })).status).toBe(201);
    const store = new SqliteEventStore({ filename: join(api.dataDir, 'events.db') });
    const before = await store.headPosition();
    const limited = await api.post('/v1/organisations', { body: organisationBody() });
    expectProblem(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await store.headPosition()).toBe(before);
    await store.close();
    expect(
      (await api.post('/v1/organisations', { key: ADMIN_KEY, body: organisationBody() })).status,
    ).toBe(201);
    // The window is an hour: a few minutes later the address is still refused; an hour later, not.
    clock.advance(10 * 60 * 1000);
    const stillLimited = await api.post('/v1/organisations', { body: organisationBody() });
    expectProblem(stillLimited, 429);
    expect(stillLimited.body.detail).toContain('an hour');
    clock.advance(60 * 60 * 1000);
    expect((await api.post('/v1/organisations', { body: organisationBody() })).status).toBe(201);
  });

  it('defaults to twenty registrations per address an hour', () => {
    expect(loadConfig({}).registrationRateLimit).toBe(20);
  });
});

describe('rate limits per key and per address, counted in Redis', () => {
  const prefix = `rate-${randomUUID()}`;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    const env = { KEY_RATE_LIMIT: '5', ANONYMOUS_RATE_LIMIT: '4', REMINDER_QUEUE_PREFIX: prefix };
    // One fixed instant for both: the test never straddles the end of a one-minute window.
    const clock = new TestClock();
    first = await TestApp.start(env, clock);
    second = await TestApp.start(env, clock);
  });
  afterAll(async () => {
    await first.stop();
    await second.stop();
  });

  it('shares one window per key across api replicas and answers 429 with Retry-After past it', async () => {
    // The bootstrap admin key is the same key on both replicas.
    for (const api of [first, second, first, second, first])
      expect((await api.get('/v1/analytics/summary', { key: ADMIN_KEY })).status).toBe(200);
    const limited = await second.get('/v1/analytics/summary', { key: ADMIN_KEY });
    expectProblem(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.detail).toMatch(/requests with one key/);
  });

  it('limits anonymous callers per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await first.get('/v1/registry/pledges')).status);
    expect(statuses.slice(0, 4).every((s) => s === 200)).toBe(true);
    expect(statuses[4]).toBe(429);
    // Health probes and metrics scrapes are not counted.
    expect((await first.get('/health')).status).toBe(200);
    expect((await first.get('/metrics')).status).toBe(200);
  });
});

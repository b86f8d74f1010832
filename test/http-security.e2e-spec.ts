import { expectProblem, organisationBody, TestApp } from './support/test-app';

describe('security headers, CORS and hostile bodies', () => {
  let api: TestApp;
  beforeAll(
    async () => (api = await TestApp.start({ CORS_ORIGINS: 'https://registry.example.eu' })),
  );
  afterAll(() => api.stop());

  const head = async () => (await api.get('/health')).body.details.eventStore.position as string;

  it('sends helmet security headers', async () => {
    const response = await api.get('/v1/registry/pledges');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers CORS preflights for configured origins only', async () => {
    const preflight = (origin: string) =>
      api.request('OPTIONS', '/v1/pledges', {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const allowed = await preflight('https://registry.example.eu');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://registry.example.eu');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses bodies nested too deep or with overlong strings, and writes nothing', async () => {
    const before = await head();
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { deep };
    const nested = await api.post('/v1/organisations', {
      body: { ...organisationBody(), extra: deep },
    });
    expectProblem(nested, 400);
    expect(nested.body.detail).toMatch(/nested deeper/);
    const long = await api.post('/v1/organisations', {
      body: organisationBody({ name: 'x'.repeat(150_000) }),
    });
    expect([400, 413]).toContain(long.status);
    expectProblem(long, long.status);
    expect(await head()).toBe(before);
  });

  it.each([
    ['a loopback address', 'https://127.0.0.1/hook'],
    ['a private address', 'https://10.0.0.8/hook'],
    ['the cloud metadata service', 'https://169.254.169.254/latest'],
    ['IPv6 loopback', 'https://[::1]/hook'],
    ['a name of this machine', 'https://api.localhost/hook'],
  ])('refuses a webhook URL pointing at %s', async (_what, webhookUrl) => {
    const before = await head();
    const response = await api.post('/v1/organisations', {
      body: organisationBody({ webhookUrl }),
    });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([
      { field: 'webhookUrl', message: expect.stringMatching(/private or local|this server/) },
    ]);
    expect(await head()).toBe(before);
  });
});

describe('without CORS_ORIGINS', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it('sends no CORS headers', async () => {
    const response = await api.get('/v1/registry/pledges', {
      headers: { origin: 'https://registry.example.eu' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

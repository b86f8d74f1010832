import fc from 'fast-check';
import { connect } from 'node:net';
import { createWorld, ENDPOINTS, type Row, type World } from './support/endpoints';
import { ADMIN_KEY, expectProblem, TestApp } from './support/test-app';

jest.setTimeout(180_000);

/** Values that break naive code: wrong types, extremes, MongoDB operators, prototype keys. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({ $gt: '' }),
  fc.constant({ $where: 'sleep(1000)' }),
  fc.constant({ $ne: null }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '$gt', '../../etc/passwd', '\u0000'),
  fc.string({ maxLength: 40 }),
  fc.constant('x'.repeat(70_000)),
  fc.integer(),
  fc.constantFrom(-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5),
  fc.boolean(),
  fc.constant(null),
  // Lists whose entries are not the objects a nested list holds.
  fc.constantFrom([[]], [null], [{}], [[{}]], [1]),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/**
 * Strings a loose validator lets through and a stricter parser behind it chokes on: ISO 8601 forms
 * that `Date` cannot read or reads as another day, URLs and addresses at the edge of their grammar.
 */
const LOOK_ALIKES = [
  '2027-W01-1',
  '2027-001',
  '20270101T100000Z',
  '2027-01-01T10',
  '2027-01-01T10:00:00,5Z',
  '2027-02-30',
  '2027-02-30T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '0000-00-00',
  'https://[::1',
  'https://xn--/',
  'https://a..b/',
  'http://user:pass@example.org:99999/',
  'a@b',
  '"a b"@example.org',
  // Lone surrogates (JSON may escape one): the e-mail rule used to throw on them (a 500).
  '\ud800@example.org',
  'https://example.org/\udc00',
];

/** Optional text fields the endpoint table's bodies leave out, so the look-alikes reach them too. */
const OPTIONAL_TEXT: Record<string, object> = {
  '/v1/api-keys': { expiresAt: '2030-01-01T00:00:00Z' },
  '/v1/pledges/:id/milestones': { evidenceUrls: ['https://evidence.example.org/report'] },
};

/** The paths to every string in a JSON value, as keys and indexes. */
function textLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => textLeaves(item, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => textLeaves(v, [...path, k]));
  return [];
}

/** A copy of the value with the value at the path replaced. */
function withLeaf(value: unknown, path: (string | number)[], text: unknown): unknown {
  if (path.length === 0) return text;
  const [step, ...rest] = path;
  const copy = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string | number, unknown>)[step!] = withLeaf(
    (value as Record<string | number, unknown>)[step!],
    rest,
    text,
  );
  return copy;
}

/** A valid body with one field replaced, removed or added, or a body of the wrong kind altogether. */
function hostileBody(valid: unknown): fc.Arbitrary<unknown> {
  const fields =
    valid && typeof valid === 'object' && !Array.isArray(valid) ? Object.keys(valid) : [];
  const mutated =
    fields.length === 0
      ? hostileValue.map((value) => ({ extra: value }))
      : fc
          .tuple(
            fc.constantFrom(...fields),
            hostileValue,
            fc.constantFrom('replace', 'remove', 'add'),
          )
          .map(([field, value, how]) => {
            const body = { ...(valid as Record<string, unknown>) };
            if (how === 'remove') delete body[field];
            else if (how === 'replace') body[field] = value;
            else body[`${field}$`] = value;
            return body;
          });
  return fc.oneof(mutated, hostileValue);
}

const hostileQuery = fc.array(
  fc.tuple(
    fc.constantFrom(
      'limit',
      'cursor',
      'minPosition',
      'status',
      'q',
      'asOf',
      'revision',
      'from',
      'to',
      'fromRevision',
      'status[$ne]',
      'sort',
      '__proto__',
      'country',
    ),
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '-1',
        '1e309',
        'NaN',
        '%00',
        '{"$gt":""}',
        '999999999999999999999',
        'x'.repeat(3000),
        '2026-02-30',
        '2026-01-01T24:00Z',
        '2027-W01-1',
      ),
    ),
  ),
  { minLength: 1, maxLength: 3 },
);

describe('hostile input to every endpoint', () => {
  let api: TestApp;
  let world: World;

  beforeAll(async () => {
    api = await TestApp.start({
      REGISTRATION_RATE_LIMIT: '0',
      ANONYMOUS_RATE_LIMIT: '0',
      KEY_RATE_LIMIT: '0',
    });
    world = await createWorld(api);
  });
  afterAll(() => api.stop());

  const head = async () => (await api.get('/health')).body.details.eventStore.position as string;
  /**
   * The caller that gets past authorization to the validation under test: one the route answers
   * with anything but a refusal of who they are (a signature's owner gets 409 with a valid body,
   * since the world's organisation has signed, yet its body is validated first).
   */
  const authorized = (status: number | undefined) =>
    status !== undefined && ![401, 403, 404].includes(status);
  const keyFor = (row: Row) =>
    authorized(row.expect.owner)
      ? world.ownerKey
      : authorized(row.expect.reviewer)
        ? undefined // reviewer keys are issued below, once
        : ADMIN_KEY;
  let reviewerKey: string;
  beforeAll(async () => (reviewerKey = await api.issueKey('reviewer')));

  /** Sends one request; a 5xx, or a rejection that wrote anything, fails the property. */
  async function expectHandled(
    method: string,
    path: string,
    init: { key?: string; body?: string | Buffer; contentType?: string },
  ): Promise<void> {
    const before = await head();
    const headers: Record<string, string> = {};
    if (init.key) headers['authorization'] = `Bearer ${init.key}`;
    if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
    const response = await fetch(`${api.url}${path}`, { method, headers, body: init.body });
    const text = await response.text();
    expect({
      path,
      status: response.status < 500 ? 'handled' : `${response.status} ${text}`,
    }).toEqual({ path, status: 'handled' });
    if (response.status >= 400) {
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await head()).toBe(before);
    }
  }

  it.each(
    ENDPOINTS.filter((row) => row.body).map((row) => [`${row.method} ${row.route}`, row] as const),
  )('bodies: %s', async (_name, row) => {
    const key = keyFor(row) ?? reviewerKey;
    await fc.assert(
      fc.asyncProperty(hostileBody(row.body!(world)), async (body) => {
        await expectHandled(row.method, row.path(world), {
          key,
          body: JSON.stringify(body) ?? 'null',
        });
      }),
      { numRuns: 25 },
    );
  });

  it.each(
    ENDPOINTS.filter((row) => row.method === 'GET').map(
      (row) => [`${row.method} ${row.route}`, row] as const,
    ),
  )('query strings: %s', async (_name, row) => {
    const key = keyFor(row) ?? reviewerKey;
    await fc.assert(
      fc.asyncProperty(hostileQuery, async (pairs) => {
        const base = row.path(world);
        const query = pairs
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
          .join('&');
        await expectHandled('GET', `${base}${base.includes('?') ? '&' : '?'}${query}`, { key });
      }),
      { numRuns: 15 },
    );
  });

  it('handles every body with each of its fields missing or null, one at a time', async () => {
    for (const row of ENDPOINTS.filter((r) => r.body)) {
      const key = keyFor(row) ?? reviewerKey;
      const valid = { ...(row.body!(world) as object), ...OPTIONAL_TEXT[row.route] };
      for (const field of Object.keys(valid)) {
        const { [field]: _missing, ...body } = valid as Record<string, unknown>;
        await expectHandled(row.method, row.path(world), { key, body: JSON.stringify(body) });
        await expectHandled(row.method, row.path(world), {
          key,
          body: JSON.stringify({ ...body, [field]: null }),
        });
      }
    }
  });

  it('refuses null for every field of a body of changes and for every nested field, and writes nothing', async () => {
    // A new resource's optional field sent as null is taken as left out (handled above); a
    // PATCH cannot remove a field, and nothing nested is optional.
    for (const row of ENDPOINTS.filter((r) => r.body)) {
      const key = keyFor(row) ?? reviewerKey;
      const valid = { ...(row.body!(world) as object), ...OPTIONAL_TEXT[row.route] };
      const paths = [
        ...(row.method === 'PATCH' ? Object.keys(valid).map((field) => [field]) : []),
        ...textLeaves(valid).filter((path) => path.length > 1),
      ];
      for (const path of paths) {
        const before = await head();
        const response = await fetch(`${api.url}${row.path(world)}`, {
          method: row.method,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(withLeaf(valid, path, null)),
        });
        expect({ route: `${row.method} ${row.route}`, path, status: response.status }).toEqual({
          route: `${row.method} ${row.route}`,
          path,
          status: 400,
        });
        expect(await head()).toBe(before);
      }
    }
  });

  it('handles every field of every body, at any depth, holding a value of another kind', async () => {
    const leaves = (value: unknown, path: (string | number)[] = []): (string | number)[][] =>
      Array.isArray(value)
        ? [path, ...value.flatMap((item, i) => leaves(item, [...path, i]))]
        : value && typeof value === 'object'
          ? [path, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))]
          : [path];
    for (const row of ENDPOINTS.filter((r) => r.body)) {
      const key = keyFor(row) ?? reviewerKey;
      const valid = { ...(row.body!(world) as object), ...OPTIONAL_TEXT[row.route] };
      for (const path of leaves(valid).filter((p) => p.length > 0)) {
        for (const other of [[], {}, 0, true, [[]], [{}], '']) {
          await expectHandled(row.method, row.path(world), {
            key,
            body: JSON.stringify(withLeaf(valid, path, other)),
          });
        }
      }
    }
  });

  it('handles every text field of every body holding text that looks like a date, URL or address', async () => {
    for (const row of ENDPOINTS.filter((r) => r.body)) {
      const key = keyFor(row) ?? reviewerKey;
      const valid = { ...(row.body!(world) as object), ...OPTIONAL_TEXT[row.route] };
      for (const path of textLeaves(valid)) {
        for (const lookAlike of LOOK_ALIKES) {
          await expectHandled(row.method, row.path(world), {
            key,
            body: JSON.stringify(withLeaf(valid, path, lookAlike)),
          });
        }
      }
    }
  });

  it('refuses prototype keys, invalid UTF-8, wrong content types and broken JSON without a trace', async () => {
    const post = ENDPOINTS.filter((row) => row.method === 'POST' && row.body);
    for (const row of post) {
      const key = keyFor(row) ?? reviewerKey;
      const path = row.path(world);
      await expectHandled('POST', path, { key, body: '{"__proto__": {"polluted": true}}' });
      await expectHandled('POST', path, {
        key,
        body: '{"constructor": {"prototype": {"polluted": true}}}',
      });
      await expectHandled('POST', path, {
        key,
        body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      });
      await expectHandled('POST', path, { key, body: '{"unterminated": ' });
      await expectHandled('POST', path, {
        key,
        body: 'name=x',
        contentType: 'application/x-www-form-urlencoded',
      });
      await expectHandled('POST', path, { key, body: '<xml/>', contentType: 'text/xml' });
      await expectHandled('POST', path, {
        key,
        body: JSON.stringify(row.body!(world)),
        contentType: 'application/json; charset=latin1',
      });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses text holding a lone surrogate or a NUL, in a value or a field name, and takes a surrogate pair', async () => {
    const acme = await api.registerOrganisation();
    const share = (fields: Record<string, unknown>) =>
      api.post('/v1/practices', {
        key: acme.apiKey,
        body: {
          title: 'Model cards',
          summary: 'A summary',
          body: 'A body',
          category: 'transparency',
          implementationLevel: 'planned',
          publicationConsent: false,
          ...fields,
        },
      });
    const before = await head();
    const refused = await share({ summary: 'half \ud83d of an emoji', tags: ['ok', '\udc00'] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'summary', message: 'summary must be well-formed text' },
      { field: 'tags[1]', message: 'tags[1] must be well-formed text' },
    ]);
    expect((await share({ ['\ud800']: 'x' })).status).toBe(400);
    const nul = await share({ body: 'Step one\u0000', tags: ['ok', 'a\u0000b'] });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([
      { field: 'body', message: 'body must not contain a NUL character' },
      { field: 'tags[1]', message: 'tags[1] must not contain a NUL character' },
    ]);
    expect((await share({ ['tit\u0000le']: 'x' })).body.errors).toEqual([
      { field: 'tit\u0000le', message: 'a field name must be well-formed text' },
    ]);
    expect(await head()).toBe(before);
    const taken = await share({ summary: 'a whole emoji \ud83d\ude00' });
    expect(taken.status).toBe(201);
  });

  it('refuses control characters in the addresses the server calls or links to', async () => {
    const before = await head();
    for (const webhookUrl of [
      'https://hooks.example.org/a\u0001b',
      'https://hooks.example.org/\nX: y',
    ]) {
      const refused = await api.post('/v1/organisations', {
        body: {
          name: 'Control Org',
          country: 'FR',
          sector: 'J',
          size: 'small',
          roles: ['provider'],
          contact: { name: 'A', email: 'a@example.org' },
          webhookUrl,
        },
      });
      expect(refused.status).toBe(400);
      // A line break breaks the URL rule as well; the U+0001 only this one.
      expect(refused.body.errors).toContainEqual({
        field: 'webhookUrl',
        message: 'webhookUrl must not hold control characters',
      });
    }
    expect(await head()).toBe(before);
    const acme = await api.signedPledge();
    const reported = await api.post(`/v1/pledges/${acme.pledgeId}/milestones`, {
      key: acme.apiKey,
      body: {
        commitmentCode: 'ai-literacy',
        summary: 'Trained staff',
        evidenceUrls: ['https://acme.example/ok', 'https://acme.example/a\u0007b'],
      },
    });
    expect(reported.status).toBe(400);
    expect(reported.body.errors).toEqual([
      { field: 'evidenceUrls', message: 'each of evidenceUrls must not hold control characters' },
    ]);
  });

  it('refuses a NUL in a text query with a 400 (MongoDB would fail on it in a regular expression)', async () => {
    for (const path of [
      '/v1/registry/pledges?q=a%00b',
      '/v1/practices?q=%00',
      '/v1/review-queue?q=x%00',
    ]) {
      const response = await api.get(path, { key: ADMIN_KEY });
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([
        { field: 'q', message: 'must not contain a NUL character' },
      ]);
    }
  });

  it('answers what the router or the HTTP parser cannot read as problem+json, and writes nothing', async () => {
    const before = await head();
    const answers = await Promise.all(
      [
        // A percent-escape that is not one, and a path parameter past the router's limit.
        'GET /v1/pledges/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        `DELETE /v1/api-keys/${'k'.repeat(600)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_KEY}\r\nConnection: close\r\n\r\n`,
        // A byte a request line may not hold, and headers past Node's size limit.
        'GET /v1/registry/pledges?q=\u0001 HTTP/1.1\r\nHost: x\r\n\r\n',
        `GET /v1/registry/pledges HTTP/1.1\r\nHost: x\r\nX-Filler: ${'f'.repeat(20_000)}\r\n\r\n`,
      ].map((request) => rawExchange(api.url, request)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([400, 414, 400, 431]);
    for (const answer of answers) {
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({
        type: expect.stringMatching(/^\/problems\//),
        title: expect.any(String),
        status: answer.status,
        detail: expect.any(String),
      });
    }
    expect(await head()).toBe(before);
  });

  it('refuses hostile headers', async () => {
    const row = ENDPOINTS.find((r) => r.route === '/v1/pledges/:id/withdraw')!;
    const path = row.path(world);
    const cases: Record<string, string>[] = [
      { 'if-match': '"not-a-number"' },
      { 'if-match': '"-1"' },
      { 'if-match': `"${'9'.repeat(400)}"` },
      { 'idempotency-key': 'x'.repeat(201) },
      { 'idempotency-key': '' },
      { authorization: 'Bearer' },
      { authorization: `Bearer ${'k'.repeat(600)}` },
      { authorization: 'Basic Zm9vOmJhcg==' },
      { 'x-correlation-id': '\u00ff'.repeat(10) },
    ];
    for (const extra of cases) {
      const before = await head();
      const response = await fetch(`${api.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${world.ownerKey}`,
          'content-type': 'application/json',
          ...extra,
        },
        body: JSON.stringify({ reason: 'Leaving' }),
      }).catch((error: unknown) => ({ status: 0, error }));
      // Some headers never leave the client (fetch refuses them); the rest must be handled.
      if (response.status === 0) continue;
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) expect(await head()).toBe(before);
    }
  });
});

/** Sends bytes as they are (no client would send these) and reads the answer until the server closes. */
function rawExchange(
  url: string,
  request: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.end(request, 'latin1');
  });
}

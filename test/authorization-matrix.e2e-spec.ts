import { registeredRoutes } from '../apps/api/src/create-app';
import {
  CALLERS,
  ENDPOINTS as TABLE,
  createWorld,
  type Caller,
  type Row,
} from './support/endpoints';
import { ADMIN_KEY, TestApp } from './support/test-app';

jest.setTimeout(120_000);

function expected(row: Row, caller: Caller): number {
  const given = row.expect[caller];
  if (given !== undefined) return given;
  return caller === 'anonymous' || caller === 'revoked' ? 401 : 403;
}

describe('authorization matrix: every endpoint × every kind of caller', () => {
  let api: TestApp;
  const keys = {} as Record<Exclude<Caller, 'anonymous' | 'owner'>, string>;

  beforeAll(async () => {
    api = await TestApp.start({
      REGISTRATION_RATE_LIMIT: '0',
      ANONYMOUS_RATE_LIMIT: '0',
      KEY_RATE_LIMIT: '0',
    });
    keys.admin = ADMIN_KEY;
    keys.reviewer = await api.issueKey('reviewer');
    keys.analyst = await api.issueKey('analyst');
    keys.other = (await api.registerOrganisation()).apiKey;
    const revoked = await api.post('/v1/api-keys', {
      key: ADMIN_KEY,
      body: { role: 'reviewer', label: 'to revoke' },
    });
    await api.request('DELETE', `/v1/api-keys/${revoked.body.id}`, { key: ADMIN_KEY });
    keys.revoked = revoked.body.key;
  });
  afterAll(() => api.stop());

  const world = () => createWorld(api);

  it('has a row for every route the app serves', () => {
    const served = registeredRoutes(api.app)
      .filter(
        (r) =>
          (r.url.startsWith('/v1/') || r.url.startsWith('/health') || r.url === '/metrics') &&
          r.method !== 'HEAD',
      )
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(served).toEqual(TABLE.map((row) => `${row.method} ${row.route}`).sort());
  });

  it.each(TABLE.map((row) => [`${row.method} ${row.route}`, row] as const))(
    '%s',
    async (_name, row) => {
      const outcomes: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      for (const caller of CALLERS) {
        const w = await world();
        const key =
          caller === 'anonymous' ? undefined : caller === 'owner' ? w.ownerKey : keys[caller];
        const response = await api.request(row.method, row.path(w), {
          ...(key ? { key } : {}),
          ...(row.body ? { body: row.body(w) } : {}),
        });
        outcomes[caller] = response.status;
        wanted[caller] = expected(row, caller);
        if (response.status >= 400)
          expect(response.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(outcomes).toEqual(wanted);
    },
  );
});

import { loadConfig, type Clock } from '@pact/application';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../apps/api/src/create-app';

export const ADMIN_KEY = 'test-bootstrap-admin-key-0123456789';

export interface Response<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface RequestOptions {
  readonly key?: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-01-15T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const CORE_CODES = ['ai-governance-strategy', 'high-risk-mapping', 'ai-literacy'];

export const commitment = (code: string, actions = 1) => ({
  code,
  actions: Array.from({ length: actions }, (_, i) => ({
    description: `Step ${i + 1} of ${code}`,
    status: 'planned',
    targetDate: '2027-06-30',
  })),
});

export const organisationBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Acme AI GmbH',
  country: 'DE',
  sector: 'J',
  size: 'medium',
  roles: ['provider', 'deployer'],
  contact: { name: 'Ada Lovelace', email: 'ada@acme.example' },
  ...overrides,
});

export const pledgeBody = (codes: string[] = CORE_CODES) => ({
  signatory: { name: 'Grace Hopper', position: 'Chief Executive' },
  commitments: codes.map((code) => commitment(code)),
});

/** The whole API on a fresh data directory, listening on a free loopback port. */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
    readonly dataDir: string,
    /** Every JSON log line, when the app was started with `captureLogs`. */
    readonly logs: string[],
  ) {}

  static async start(
    env: Record<string, string> = {},
    clock?: Clock,
    options: { captureLogs?: boolean } = {},
  ): Promise<TestApp> {
    const logs: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'pact-e2e-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      SQLITE_SYNCHRONOUS: 'NORMAL',
      // Reminder tests run the worker against a Redis of their own; the rest keep out of Redis's way.
      RUN_WORKER: 'false',
      REMINDER_QUEUE_PREFIX: `test-${randomUUID()}`,
      // Tests register organisations by the dozen from one address; the limit has tests of its own.
      REGISTRATION_RATE_LIMIT: '0',
      ...env,
    });
    const app = await createApp(config, {
      ...(options.captureLogs
        ? { logDestination: { write: (line: string) => void logs.push(line) } }
        : { logger: false as const }),
      ...(clock ? { clock } : {}),
    });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new TestApp(app, `http://127.0.0.1:${port}`, dataDir, logs);
  }

  async stop(): Promise<void> {
    await this.app.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Response<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers['authorization'] = `Bearer ${options.key}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (
      /^application\/([\w.-]+\+)?json/.test(response.headers.get('content-type') ?? '') &&
      text.length > 0
    )
      parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, options?: RequestOptions) => this.request('POST', path, options);

  async issueKey(role: string, organisationId?: string): Promise<string> {
    const response = await this.post('/v1/api-keys', {
      key: ADMIN_KEY,
      body: { role, label: `${role} for tests`, ...(organisationId ? { organisationId } : {}) },
    });
    if (response.status !== 201) throw new Error(`issueKey: ${response.status} ${response.text}`);
    return response.body.key as string;
  }

  async registerOrganisation(
    overrides: Record<string, unknown> = {},
  ): Promise<{ organisationId: string; apiKey: string; webhookSecret: string }> {
    const response = await this.post('/v1/organisations', { body: organisationBody(overrides) });
    if (response.status !== 201) throw new Error(`register: ${response.status} ${response.text}`);
    return response.body;
  }

  async signPledge(key: string, codes: string[] = CORE_CODES): Promise<string> {
    const response = await this.post('/v1/pledges', { key, body: pledgeBody(codes) });
    if (response.status !== 201) throw new Error(`sign: ${response.status} ${response.text}`);
    return response.body.pledgeId as string;
  }

  /** A registered organisation with a signed pledge. */
  async signedPledge(overrides: Record<string, unknown> = {}) {
    const organisation = await this.registerOrganisation(overrides);
    const pledgeId = await this.signPledge(organisation.apiKey);
    return { ...organisation, pledgeId };
  }
}

export function expectProblem(response: Response, status: number): void {
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
    status,
    contentType: expect.stringContaining('application/problem+json'),
  });
  expect(response.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
}

import {
  LATEST_SHIPPED_TIMELINE,
  parseIsoDuration,
  parseReportingConfig,
  shippedTimelineVersions,
  type ReportingConfig,
} from '@pact/domain';
import type { Duration } from 'luxon';
import { resolve } from 'node:path';

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly bootstrapAdminKey?: string;
  /** 32 bytes that encrypt stored secrets; generated under DATA_DIR when not given. */
  readonly secretsKey?: Buffer;
  readonly eventStore: 'sqlite' | 'kurrentdb';
  readonly kurrentdbUrl?: string;
  readonly readStore: 'embedded' | 'mongodb';
  readonly mongodbUrl?: string;
  readonly redisUrl: string;
  readonly reporting: ReportingConfig;
  readonly reminderSweepInterval: Duration;
  /** How often every stream's head is sealed for tamper evidence. */
  readonly auditSealInterval: Duration;
  /** /health/live fails once the event store has been unreachable this long (KurrentDB). */
  readonly eventStoreLivenessTimeout: Duration;
  readonly webhookAllowInsecure: boolean;
  /** Browser origins allowed to call the API (CORS); none by default. `*` allows any. */
  readonly corsOrigins: readonly string[];
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Whether this process runs the projector (the embedded read store needs it in the api process). */
  readonly runProjector: boolean;
  /** Anonymous registrations accepted per client address per minute (0: no limit). */
  readonly registrationRateLimit: number;
  /** Requests per minute per API key, and per address for anonymous callers (0: no limit). */
  readonly rateLimits: { readonly perKey: number; readonly anonymous: number };
  readonly projectionOnError: 'stop' | 'skip';
  /** `redis`: the projector runs only while it holds a lease in Redis, so a second one waits as a hot standby. */
  readonly projectorLease: 'none' | 'redis';
  readonly projectorLeaseTtl: Duration;
  /** Whether this process runs the reminder worker (the BullMQ consumers and their subscription). */
  readonly runWorker: boolean;
  /** Prefix of every BullMQ key, so several deployments (or tests) can share one Redis. */
  /**
   * REMINDER_QUEUE_PREFIX: the prefix of the deployment's Redis keys. Unset, it is derived from the
   * deployment's identity (RedisKeyPrefix in the infrastructure module).
   */
  readonly reminderQueuePrefix?: string;
  /** How long a reminder job's lock lasts; a job whose worker died is retried after about this long. */
  readonly reminderJobLock: Duration;
  readonly webhook: WebhookSettings;
  /** Email prompts go through this SMTP server when set. */
  readonly smtp?: { readonly url: string; readonly from: string };
  /** From this instant on, no pledge is signed (409); unset, signing stays open. */
  readonly signingClosesAt?: Date;
  /**
   * The last shipped AI Act timeline version the deployment starts from; versions an admin records
   * apply on top of it.
   */
  readonly aiActTimelineBase: string;
}

export interface WebhookSettings {
  /** First retry delay; each further retry doubles it. */
  readonly retryDelay: Duration;
  /** Deliveries tried in all before a delivery is dead-lettered. */
  readonly attempts: number;
  readonly timeout: Duration;
}

export const APP_CONFIG = Symbol('AppConfig');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and checks every setting; one error lists each bad variable and what it accepts. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const text = (name: string, fallback: string) => {
    const value = env[name];
    return value === undefined || value === '' ? fallback : value;
  };
  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const value = text(name, fallback);
    if (allowed.includes(value as T)) return value as T;
    problems.push(`${name}='${value}' must be one of ${allowed.join(', ')}`);
    return fallback;
  };

  const wholeNumber = (name: string, fallback: number): number => {
    const value = text(name, String(fallback));
    if (/^\d{1,9}$/.test(value)) return Number(value);
    problems.push(`${name}='${value}' must be a whole number`);
    return fallback;
  };

  const portText = text('PORT', '3000');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    problems.push(`PORT='${portText}' must be a port number (0-65535)`);

  const reportingParsed = parseReportingConfig({
    interval: text('REPORTING_INTERVAL', 'P12M'),
    anchor: text('REPORTING_ANCHOR', 'signature'),
    stages: text('REMINDER_STAGES', '-P30D,-P7D,P0D,P14D'),
    nonReportingAfter: text('NON_REPORTING_AFTER', 'P30D'),
  });
  if ('errors' in reportingParsed) {
    const names = [
      'REPORTING_INTERVAL',
      'REPORTING_ANCHOR',
      'REMINDER_STAGES',
      'NON_REPORTING_AFTER',
    ];
    const prefixes = ['interval', 'anchor', 'stage', 'non-reporting'];
    for (const error of reportingParsed.errors) {
      const index = prefixes.findIndex((prefix) => error.startsWith(prefix));
      problems.push(`${names[index] ?? 'REMINDER_STAGES'}: ${error}`);
    }
  }
  const duration = (name: string, fallback: string, minimumMs: number, example: string) => {
    const value = text(name, fallback);
    const parsed = parseIsoDuration(value);
    if (parsed && parsed.as('milliseconds') >= minimumMs) return parsed;
    problems.push(
      `${name}='${value}' must be an ISO 8601 duration of at least ${minimumMs} ms, such as ${example}`,
    );
    return undefined;
  };
  const sweep = duration('REMINDER_SWEEP_INTERVAL', 'PT1H', 1, 'PT1H');
  const seal = duration('AUDIT_SEAL_INTERVAL', 'PT1H', 1000, 'PT1H');
  const eventStoreLivenessTimeout = duration('EVENT_STORE_LIVENESS_TIMEOUT', 'PT5M', 1000, 'PT5M');
  const projectorLeaseTtl = duration('PROJECTOR_LEASE_TTL', 'PT10S', 300, 'PT10S');
  const reminderJobLock = duration('REMINDER_JOB_LOCK', 'PT30S', 1000, 'PT30S');
  const webhookRetryDelay = duration('WEBHOOK_RETRY_DELAY', 'PT30S', 1, 'PT30S');
  const webhookTimeout = duration('WEBHOOK_TIMEOUT', 'PT10S', 1, 'PT10S');
  const corsOrigins = text('CORS_ORIGINS', '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin))
      problems.push(
        `CORS_ORIGINS: '${origin}' must be * or an origin such as https://registry.example.eu`,
      );
  }
  const smtpUrl = env['SMTP_URL'] || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl))
    problems.push(`SMTP_URL='${smtpUrl}' must be an smtp:// or smtps:// URL`);

  let secretsKey: Buffer | undefined;
  const secretsKeyText = env['SECRETS_KEY'];
  if (secretsKeyText) {
    secretsKey = Buffer.from(secretsKeyText, 'base64');
    if (secretsKey.length !== 32) problems.push('SECRETS_KEY must be 32 bytes in base64');
  }

  const eventStore = oneOf('EVENT_STORE', 'sqlite', ['sqlite', 'kurrentdb'] as const);
  const readStore = oneOf('READ_STORE', 'embedded', ['embedded', 'mongodb'] as const);
  if (eventStore === 'kurrentdb' && !env['KURRENTDB_URL'])
    problems.push('KURRENTDB_URL is required when EVENT_STORE=kurrentdb');
  if (readStore === 'mongodb' && !env['MONGODB_URL'])
    problems.push('MONGODB_URL is required when READ_STORE=mongodb');
  // Sealed secrets and keys in MongoDB are opened by every replica: a key generated per host under
  // DATA_DIR would seal what the other hosts cannot open.
  if (readStore === 'mongodb' && !secretsKeyText)
    problems.push(
      'SECRETS_KEY is required when READ_STORE=mongodb: every process on every host must seal and open with the same key',
    );
  const signingClosesAtText = env['SIGNING_CLOSES_AT'] || undefined;
  const signingClosesAt =
    signingClosesAtText === undefined ? undefined : new Date(signingClosesAtText);
  if (
    signingClosesAtText !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(
      signingClosesAtText,
    ) ||
      Number.isNaN(signingClosesAt!.getTime()))
  )
    problems.push(
      `SIGNING_CLOSES_AT='${signingClosesAtText}' must be an ISO 8601 instant with its offset, such as 2027-12-02T00:00:00Z`,
    );
  const aiActTimelineBase = env['AI_ACT_TIMELINE_BASE'] || LATEST_SHIPPED_TIMELINE;
  if (!shippedTimelineVersions.some((v) => v.version === aiActTimelineBase))
    problems.push(
      `AI_ACT_TIMELINE_BASE='${aiActTimelineBase}' must be a shipped timeline version: ${shippedTimelineVersions.map((v) => v.version).join(', ')}`,
    );
  const bootstrapAdminKey = env['BOOTSTRAP_ADMIN_KEY'] || undefined;
  if (bootstrapAdminKey !== undefined && bootstrapAdminKey.length < 16) {
    problems.push('BOOTSTRAP_ADMIN_KEY must be at least 16 characters');
  }
  const config = {
    port,
    host: text('HOST', '0.0.0.0'),
    dataDir: resolve(text('DATA_DIR', './data')),
    bootstrapAdminKey,
    secretsKey,
    eventStore,
    kurrentdbUrl: env['KURRENTDB_URL'] || undefined,
    readStore,
    mongodbUrl: env['MONGODB_URL'] || undefined,
    redisUrl: text('REDIS_URL', 'redis://127.0.0.1:6379'),
    webhookAllowInsecure:
      oneOf('WEBHOOK_ALLOW_INSECURE', 'false', ['true', 'false'] as const) === 'true',
    sqliteSynchronous: oneOf('SQLITE_SYNCHRONOUS', 'FULL', ['FULL', 'NORMAL'] as const),
    runProjector: oneOf('RUN_PROJECTOR', 'true', ['true', 'false'] as const) === 'true',
    registrationRateLimit: wholeNumber('REGISTRATION_RATE_LIMIT', 20),
    rateLimits: {
      perKey: wholeNumber('KEY_RATE_LIMIT', 6000),
      anonymous: wholeNumber('ANONYMOUS_RATE_LIMIT', 3000),
    },
    projectionOnError: oneOf('PROJECTION_ON_ERROR', 'stop', ['stop', 'skip'] as const),
    projectorLease: oneOf('PROJECTOR_LEASE', 'none', ['none', 'redis'] as const),
    corsOrigins,
    runWorker: oneOf('RUN_WORKER', 'true', ['true', 'false'] as const) === 'true',
    reminderQueuePrefix: env['REMINDER_QUEUE_PREFIX'] || undefined,
    ...(signingClosesAt ? { signingClosesAt } : {}),
    aiActTimelineBase,
    smtp:
      smtpUrl === undefined
        ? undefined
        : {
            url: smtpUrl,
            from: text('SMTP_FROM', 'AI Pact registry <no-reply@ai-pact.localhost>'),
          },
  };
  const attempts = wholeNumber('WEBHOOK_ATTEMPTS', 13);
  if (attempts < 1) problems.push(`WEBHOOK_ATTEMPTS='${attempts}' must be at least 1`);
  if (config.reminderQueuePrefix?.includes(':'))
    problems.push('REMINDER_QUEUE_PREFIX must not contain a colon');
  if (
    problems.length > 0 ||
    'errors' in reportingParsed ||
    !sweep ||
    !seal ||
    !eventStoreLivenessTimeout ||
    !reminderJobLock ||
    !projectorLeaseTtl ||
    !webhookRetryDelay ||
    !webhookTimeout
  )
    throw new ConfigError(problems);
  return {
    ...config,
    reporting: reportingParsed,
    reminderSweepInterval: sweep,
    auditSealInterval: seal,
    eventStoreLivenessTimeout,
    reminderJobLock,
    projectorLeaseTtl,
    webhook: { retryDelay: webhookRetryDelay, attempts, timeout: webhookTimeout },
  };
}

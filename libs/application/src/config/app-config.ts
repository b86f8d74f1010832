import { parseIsoDuration, parseReportingConfig, type ReportingConfig } from '@pact/domain';
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
  readonly webhookAllowInsecure: boolean;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Whether this process runs the projector (the embedded read store needs it in the api process). */
  readonly runProjector: boolean;
  /** Anonymous registrations accepted per client address per minute (0: no limit). */
  readonly registrationRateLimit: number;
  readonly projectionOnError: 'stop' | 'skip';
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
  const sweepText = text('REMINDER_SWEEP_INTERVAL', 'PT1H');
  const sweep = parseIsoDuration(sweepText);
  if (!sweep || sweep.as('milliseconds') <= 0) {
    problems.push(
      `REMINDER_SWEEP_INTERVAL='${sweepText}' must be a positive ISO 8601 duration such as PT1H`,
    );
  }

  const sealText = text('AUDIT_SEAL_INTERVAL', 'PT1H');
  const seal = parseIsoDuration(sealText);
  if (!seal || seal.as('milliseconds') < 1000) {
    problems.push(
      `AUDIT_SEAL_INTERVAL='${sealText}' must be an ISO 8601 duration of a second or more, such as PT1H`,
    );
  }

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
    registrationRateLimit: wholeNumber('REGISTRATION_RATE_LIMIT', 100),
    projectionOnError: oneOf('PROJECTION_ON_ERROR', 'stop', ['stop', 'skip'] as const),
  };
  if (problems.length > 0 || 'errors' in reportingParsed || !sweep || !seal)
    throw new ConfigError(problems);
  return {
    ...config,
    reporting: reportingParsed,
    reminderSweepInterval: sweep,
    auditSealInterval: seal,
  };
}

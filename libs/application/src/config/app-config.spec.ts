import { ConfigError, loadConfig } from './app-config';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      eventStore: 'sqlite',
      readStore: 'embedded',
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(config.reporting.anchor).toBe('signature');
    expect(config.reporting.stages.map((s) => s.toISO())).toEqual([
      'P-30D',
      'P-7D',
      'PT0S',
      'P14D',
    ]);
    expect(config.dataDir).toMatch(/data$/);
  });

  it('names each bad variable and what it accepts', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        REPORTING_INTERVAL: 'yearly',
        REPORTING_ANCHOR: 'moon',
        EVENT_STORE: 'kurrentdb',
        REMINDER_SWEEP_INTERVAL: 'P0D',
        REGISTRATION_RATE_LIMIT: 'lots',
        SIGNING_CLOSES_AT: '2027-12-02',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'REPORTING_INTERVAL',
      'REPORTING_ANCHOR',
      'KURRENTDB_URL',
      'REMINDER_SWEEP_INTERVAL',
      'REGISTRATION_RATE_LIMIT',
      'SIGNING_CLOSES_AT',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('asks for a shared SECRETS_KEY when the sealed stores are in MongoDB', () => {
    const mongo = { READ_STORE: 'mongodb', MONGODB_URL: 'mongodb://db:27017/pact?replicaSet=rs0' };
    expect(() => loadConfig(mongo)).toThrow(/SECRETS_KEY is required when READ_STORE=mongodb/);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...mongo, SECRETS_KEY: key }).secretsKey).toEqual(Buffer.alloc(32, 7));
    // The embedded stores keep a generated key under DATA_DIR.
    expect(loadConfig({}).secretsKey).toBeUndefined();
  });

  it('leaves signing open unless SIGNING_CLOSES_AT names an instant', () => {
    expect(loadConfig({}).signingClosesAt).toBeUndefined();
    expect(loadConfig({ SIGNING_CLOSES_AT: '2027-12-02T00:00:00+01:00' }).signingClosesAt).toEqual(
      new Date('2027-12-01T23:00:00.000Z'),
    );
  });

  it('accepts second-scale durations for tests', () => {
    const config = loadConfig({
      REPORTING_INTERVAL: 'PT20S',
      REMINDER_STAGES: 'PT5S,-PT5S,PT0S',
      NON_REPORTING_AFTER: 'PT10S',
    });
    expect(config.reporting.interval.as('seconds')).toBe(20);
    expect(config.reporting.stages.map((s) => s.as('seconds'))).toEqual([-5, 0, 5]);
  });

  it('refuses a reminder stage listed twice, naming both spellings', () => {
    expect(() => loadConfig({ REMINDER_STAGES: '-P7D,P0D,-P1W' })).toThrow(
      "REMINDER_STAGES: stage '-P1W' repeats the offset '-P7D'",
    );
    expect(() => loadConfig({ REMINDER_STAGES: 'P0D,PT0S' })).toThrow(
      "REMINDER_STAGES: stage 'PT0S' repeats the offset 'P0D'",
    );
  });

  it('reads the reminder worker, webhook and SMTP settings', () => {
    const config = loadConfig({
      RUN_WORKER: 'false',
      REMINDER_QUEUE_PREFIX: 'staging',
      REMINDER_JOB_LOCK: 'PT5S',
      WEBHOOK_ATTEMPTS: '3',
      WEBHOOK_RETRY_DELAY: 'PT0.5S',
      SMTP_URL: 'smtp://mail.example:2525',
    });
    expect(config).toMatchObject({
      runWorker: false,
      reminderQueuePrefix: 'staging',
      webhook: { attempts: 3 },
      smtp: { url: 'smtp://mail.example:2525', from: expect.stringContaining('@') },
    });
    expect(config.reminderJobLock.as('milliseconds')).toBe(5000);
    expect(config.webhook.retryDelay.as('milliseconds')).toBe(500);
    expect(loadConfig({}).smtp).toBeUndefined();
    expect(() =>
      loadConfig({ REMINDER_QUEUE_PREFIX: 'a:b', WEBHOOK_ATTEMPTS: '0', SMTP_URL: 'http://x' }),
    ).toThrow(
      /REMINDER_QUEUE_PREFIX[\s\S]*WEBHOOK_ATTEMPTS|WEBHOOK_ATTEMPTS[\s\S]*REMINDER_QUEUE_PREFIX/,
    );
  });

  it('retries a failed delivery with exponential backoff for at least 24 hours by default', () => {
    const { webhook } = loadConfig({});
    const first = webhook.retryDelay.as('milliseconds');
    const retries = webhook.attempts - 1;
    const span = first * (2 ** retries - 1);
    expect(span).toBeGreaterThanOrEqual(24 * 3600 * 1000);
  });
});

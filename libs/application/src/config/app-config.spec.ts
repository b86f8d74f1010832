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
    ]) {
      expect(problems).toContain(name);
    }
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
});

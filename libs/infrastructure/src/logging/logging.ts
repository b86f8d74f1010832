import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger as PinoInstance } from 'pino';
import { redactDeep, redactText } from './redaction';

export interface LoggingOptions {
  /** `silent` turns logging off (tests that do not look at logs). */
  readonly level?: string;
  /** Where JSON lines go; standard output by default. */
  readonly destination?: DestinationStream;
  /** Human-readable lines (pino-pretty) when run in a terminal. */
  readonly pretty?: boolean;
}

/**
 * Structured JSON logs (pino): one object per line, every string passed through the redaction of
 * personal data and secrets, whoever logged it.
 */
export function createLogger(options: LoggingOptions = {}): PinoInstance {
  const pretty = options.pretty ?? (process.stdout.isTTY && options.destination === undefined);
  const settings: pino.LoggerOptions = {
    level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (record) => redactDeep(record) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
        method.apply(this, redacted as Parameters<typeof method>);
      },
    },
  };
  if (options.destination) return pino(settings, options.destination);
  if (pretty) {
    return pino({
      ...settings,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } },
    });
  }
  // Synchronous: a process stopped by a signal exits without flushing a buffer, and its last lines
  // (how it shut down) are the ones that matter.
  return pino(settings, pino.destination({ dest: 1, sync: true }));
}

/**
 * Nest's own logging through the same pino instance (`app.useLogger(app.get(Logger))`). Its
 * per-request middleware is not mounted (`forRoutes: []`): the app writes each request's line itself,
 * with the correlation id, and an error's line carries that id. The middleware would make a child
 * logger and an AsyncLocalStorage context for every request, and on Node 20 such a context puts a
 * hook on every promise the process makes, about a tenth of a command's cost.
 */
export function loggingModule(logger: PinoInstance): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] });
}

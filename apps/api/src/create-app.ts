import type { AppConfig } from '@pact/application';
import {
  counter,
  createLogger,
  histogram,
  METRICS,
  OwnPorts,
  type InfrastructureOptions,
} from '@pact/infrastructure';
import type { Registry } from 'prom-client';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ReminderQueues } from '@pact/reminders';
import helmet from 'helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mountQueueDashboard } from './admin/queues/queue-dashboard';
import { ApiModule } from './app.module';
import { mountApiReference } from './openapi/api-reference';
import { openApiDocument } from './openapi/openapi-document';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Authenticator } from './auth/authenticator';
import { clientErrorHandler, frameworkErrors } from './http/framework-errors';
import { acceptJsonOnly, BODY_LIMIT } from './http/json-body';
import { mountAssets } from './web/kit/assets';
import { ErrorsFilter } from './web/kit/errors.filter';

export interface CreateAppOptions extends InfrastructureOptions {
  /** false: no logs at all. */
  readonly logger?: false;
  /** Where the JSON log lines go (standard output by default); tests read them from here. */
  readonly logDestination?: DestinationStream;
}

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
}

const ROUTES = new WeakMap<NestFastifyApplication, RegisteredRoute[]>();

/** Every route the app serves (known once it is initialised): the authorization matrix checks it has them all. */
export function registeredRoutes(app: NestFastifyApplication): readonly RegisteredRoute[] {
  return ROUTES.get(app) ?? [];
}

const CORRELATION_ID = /^[\w.:-]{1,200}$/;

/** The HTTP application, configured but not listening: `main.ts` and the e2e tests share it. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  // The security headers, built once: @fastify/helmet rebuilt this middleware on every request
  // (about 2 % of a command's CPU).
  const securityHeaders = helmet({
    // Same-origin requests (the pages' own links and forms) keep their Referer; nothing leaks out.
    referrerPolicy: { policy: 'same-origin' },
    // The pages load styles, fonts and images from this origin only and run no script of their own;
    // the queue dashboard (same origin) needs its inline scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  // Known once the app is made: Fastify's own errors are then answered by the app's filter.
  const errors: { filter?: ErrorsFilter } = {};
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    frameworkErrors: frameworkErrors(() => errors.filter, securityHeaders),
    clientErrorHandler,
  });
  const logger = createLogger({
    ...(options.logger === false ? { level: 'silent' } : {}),
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, { ...options, logger }),
    adapter,
    {
      bufferLogs: true,
      // Body parsing is ours alone (acceptJsonOnly): Nest's would also accept urlencoded bodies.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  errors.filter = app.get(ErrorsFilter);
  // PORT=0 listens on a free port: known only then, and a webhook may not lead back to it.
  const server = app.getHttpServer();
  server.on('listening', () => {
    const address = server.address();
    if (address && typeof address === 'object') app.get(OwnPorts).add(address.port);
  });
  const fastify = app.getHttpAdapter().getInstance();
  const routes: RegisteredRoute[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  ROUTES.set(app, routes);
  acceptJsonOnly(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error === undefined ? undefined : (error as Error)),
    );
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? '*' : [...config.corsOrigins],
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: [
        'authorization',
        'content-type',
        'idempotency-key',
        'if-match',
        'x-correlation-id',
        'accept',
      ],
      exposedHeaders: [
        'etag',
        'location',
        'retry-after',
        'x-correlation-id',
        'idempotent-replayed',
      ],
      maxAge: 600,
    });
  }
  fastify.addHook('onRequest', (request, reply, done) => {
    const given = request.headers['x-correlation-id'];
    request.correlationId =
      typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
    void reply.header('x-correlation-id', request.correlationId);
    done();
  });
  const registry = app.get<Registry>(METRICS);
  const durations = histogram(
    registry,
    'pact_http_request_duration_seconds',
    'HTTP request latency by route and status',
    ['method', 'route', 'status'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  const commands = counter(registry, 'pact_commands_total', 'Commands by route and outcome', [
    'command',
    'outcome',
  ]);
  // One line per request, with its correlation id (and nothing of its body or credentials).
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    durations.observe(
      { method: request.method, route, status: String(status) },
      reply.elapsedTime / 1000,
    );
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') {
      const outcome = status < 400 ? 'accepted' : status < 500 ? 'refused' : 'failed';
      commands.inc({ command: `${request.method} ${route}`, outcome });
    }
    const principal = request.principal;
    logger.info(
      {
        correlationId: request.correlationId,
        method: request.method,
        // Query values can hold anything a caller typed (a search for an e-mail address, say).
        path: request.url.split('?')[0],
        query: Object.keys(request.query ?? {}),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        ...(principal?.kind === 'key' ? { role: principal.role, keyId: principal.keyId } : {}),
      },
      'request',
    );
    done();
  });
  await mountQueueDashboard(fastify, app.get(ReminderQueues), app.get(Authenticator));
  mountAssets(fastify);
  // Built on first request, once every module is in place.
  let document: OpenAPIObject | undefined;
  const openApi = () => (document ??= openApiDocument(app));
  fastify.get('/openapi.json', (_request, reply) => reply.send(openApi()));
  mountApiReference(fastify);
  app.enableShutdownHooks();
  return app;
}

import type { AppConfig } from '@pact/application';
import type { InfrastructureOptions } from '@pact/infrastructure';
import { ReminderQueues } from '@pact/reminders';
import type { LogLevel } from '@nestjs/common';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mountQueueDashboard } from './admin/queues/queue-dashboard';
import { ApiModule } from './app.module';
import { Authenticator } from './auth/authenticator';
import { acceptJsonOnly, BODY_LIMIT } from './http/json-body';

export interface CreateAppOptions extends InfrastructureOptions {
  readonly logger?: false | LogLevel[];
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
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, options),
    adapter,
    {
      logger: options.logger ?? ['log', 'warn', 'error'],
      // Body parsing is ours alone (acceptJsonOnly): Nest's would also accept urlencoded bodies.
      bodyParser: false,
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  const routes: RegisteredRoute[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  ROUTES.set(app, routes);
  acceptJsonOnly(fastify);
  await app.register(helmet, {
    // A JSON API needs no sources; the queue dashboard (same origin) needs its scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
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
  await mountQueueDashboard(fastify, app.get(ReminderQueues), app.get(Authenticator));
  app.enableShutdownHooks();
  return app;
}

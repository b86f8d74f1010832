import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@pact/application';
import {
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { problem, ProblemException } from '../problem';
import type { RateCounter } from './rate-counter';

const RATE_LIMITED = 'pact:rate-limited';
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const UNCOUNTED = 'pact:uncounted';

export const RATE_COUNTER = Symbol('RateCounter');

/** Marks routes whose anonymous callers are not counted: probes and scrapers of health and metrics. */
export const NotRateLimited = () => SetMetadata(UNCOUNTED, true);

/** Marks a route whose anonymous callers have a limit of their own (api.md: registration). */
export const RateLimitedForAnonymous = () => SetMetadata(RATE_LIMITED, true);

/**
 * One-minute windows: per API key for key holders, per client address for anonymous callers, and
 * a tighter per-address limit on anonymous registration. Past a limit: 429 with Retry-After.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RATE_COUNTER) private readonly counter: RateCounter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.principal;
    if (principal?.kind === 'key') {
      await this.count(
        `key:${principal.keyId}`,
        this.config.rateLimits.perKey,
        'requests with one key',
        MINUTE_MS,
      );
      return true;
    }
    const uncounted = this.reflector.getAllAndOverride<boolean | undefined>(UNCOUNTED, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!uncounted) {
      await this.count(
        `ip:${request.ip}`,
        this.config.rateLimits.anonymous,
        'anonymous requests from one address',
        MINUTE_MS,
      );
    }
    if (this.reflector.get<boolean | undefined>(RATE_LIMITED, context.getHandler())) {
      // Registration creates an organisation and issues a key: an hour's window, not a minute's.
      await this.count(
        `register:${request.ip}`,
        this.config.registrationRateLimit,
        'registrations from one address',
        HOUR_MS,
      );
    }
    return true;
  }

  private async count(
    bucket: string,
    limit: number,
    what: string,
    windowMs: number,
  ): Promise<void> {
    if (limit === 0) return;
    const now = this.clock.now().getTime();
    const { count, resetAt } = await this.counter.hit(bucket, windowMs, now, limit);
    if (count <= limit) return;
    const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
    const per = windowMs === HOUR_MS ? 'an hour' : 'a minute';
    throw new ProblemException(
      problem(429, `At most ${limit} ${what} ${per}; retry in ${retryAfter} s`),
      { 'retry-after': String(retryAfter) },
    );
  }
}

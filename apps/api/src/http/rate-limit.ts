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
import { problem, ProblemException } from './problem';

const RATE_LIMITED = 'pact:rate-limited';
const WINDOW_MS = 60_000;

/** Marks a route whose anonymous callers are limited per client address (api.md: registration). */
export const RateLimitedForAnonymous = () => SetMetadata(RATE_LIMITED, true);

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Fixed one-minute windows per client address, in this process's memory. Callers with an API key
 * are not counted here.
 */
@Injectable()
export class AnonymousRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const limit = this.config.registrationRateLimit;
    if (limit === 0 || !this.reflector.get<boolean | undefined>(RATE_LIMITED, context.getHandler()))
      return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.principal?.kind === 'key') return true;
    const now = this.clock.now().getTime();
    if (this.windows.size > 10_000) this.forgetEnded(now);
    const current = this.windows.get(request.ip);
    const window =
      current && current.startedAt + WINDOW_MS > now ? current : { startedAt: now, count: 0 };
    window.count += 1;
    this.windows.set(request.ip, window);
    if (window.count <= limit) return true;
    const retryAfter = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    throw new ProblemException(
      problem(
        429,
        `At most ${limit} registrations a minute from one address; retry in ${retryAfter} s`,
      ),
      {
        'retry-after': String(retryAfter),
      },
    );
  }

  private forgetEnded(now: number): void {
    for (const [address, window] of this.windows) {
      if (window.startedAt + WINDOW_MS <= now) this.windows.delete(address);
    }
  }
}

import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@pact/application';
import { RAW_EVENT_STORE } from '@pact/infrastructure';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Projector } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { RemindersMonitor } from '@pact/reminders';
import { Controller, Get, HttpException, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { Anyone } from '../auth/access.decorator';
import { NotRateLimited } from '../http/rate-limit/rate-limit.guard';

@Controller('health')
@NotRateLimited()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly reminders: RemindersMonitor,
    @Inject(READ_STORE) private readonly read: ReadStore,
    @Inject(RAW_EVENT_STORE) private readonly raw: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * 200 with `status: ok` while serving; 503 when the event store or a projection is down.
   * Reminders are reported beside them but do not fail the check: without Redis the registry
   * still serves, and prompts due meanwhile go out when Redis is back.
   */
  /**
   * Liveness: the process answers, and its event store client has not been unable to reach the
   * server for longer than EVENT_STORE_LIVENESS_TIMEOUT. An orchestrator restarts it when this fails.
   */
  @Get('live')
  @Anyone()
  live(@Res({ passthrough: true }) reply: FastifyReply) {
    const since = (this.raw as Partial<Record<'unreachableSince', number | undefined>>)
      .unreachableSince;
    const limit = this.config.eventStoreLivenessTimeout.as('milliseconds');
    if (since !== undefined && this.clock.now().getTime() - since > limit) {
      void reply.status(503);
      return {
        status: 'error',
        error: { eventStore: { status: 'down', unreachableSince: new Date(since).toISOString() } },
      };
    }
    return { status: 'ok' };
  }

  /** Readiness: the same checks as /health; an orchestrator sends traffic only while it is 200. */
  @Get('ready')
  @Anyone()
  ready(@Res({ passthrough: true }) reply: FastifyReply) {
    return this.check(reply);
  }

  @Get()
  @Anyone()
  async check(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HealthCheckResult & { degraded?: string[] }> {
    const reminders = await this.reminders.health();
    const withReminders = (result: HealthCheckResult) => ({
      ...result,
      ...(reminders.status === 'down' ? { degraded: ['reminders'] } : {}),
      details: { ...result.details, reminders },
    });
    try {
      return withReminders(await this.health.check(this.indicatorsToCheck()));
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      void reply.status(error.getStatus());
      return withReminders(error.getResponse() as HealthCheckResult);
    }
  }

  private indicatorsToCheck() {
    return [
      async () => {
        const indicator = this.indicators.check('eventStore');
        try {
          return indicator.up({ position: String(await this.store.headPosition()) });
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
      async () => {
        const indicator = this.indicators.check('readStore');
        try {
          return indicator.up({ checkpoints: (await this.read.checkpoints()).length });
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
      async () => {
        // A stopped projection (dead letter) is down; lag alone is reported, not judged.
        const indicator = this.indicators.check('projections');
        let projections: Awaited<ReturnType<Projector['status']>>;
        try {
          projections = await this.projector.status();
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
        const details = Object.fromEntries(
          projections.map((p) => [
            p.name,
            { status: p.status, lag: p.lag, deadLetters: p.deadLetters },
          ]),
        );
        return projections.every((p) => p.status === 'running')
          ? indicator.up(details)
          : indicator.down(details);
      },
    ];
  }
}

import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Projector } from '@pact/projections';
import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Anyone } from '../auth/access.decorator';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
  ) {}

  /** 200 with `status: ok` while serving; 503 when a dependency is down. */
  @Get()
  @Anyone()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('eventStore');
        try {
          return indicator.up({ position: String(await this.store.headPosition()) });
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
      async () => {
        // A stopped projection (dead letter) is down; lag alone is reported, not judged.
        const indicator = this.indicators.check('projections');
        const projections = await this.projector.status();
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
    ]);
  }
}

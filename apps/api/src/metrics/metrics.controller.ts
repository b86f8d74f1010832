import { CLOCK, type Clock } from '@pact/application';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { METRICS, sampledGauge } from '@pact/infrastructure';
import { Projector } from '@pact/projections';
import { RemindersMonitor } from '@pact/reminders';
import { Controller, Get, Header, Inject, type OnModuleInit } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { Anyone } from '../auth/access.decorator';

/** Prometheus text: HTTP and command figures, append latency, projection lag, queues and prompts. */
@Controller('metrics')
export class MetricsController implements OnModuleInit {
  constructor(
    @Inject(METRICS) private readonly registry: Registry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projector: Projector,
    private readonly reminders: RemindersMonitor,
  ) {}

  onModuleInit(): void {
    sampledGauge(
      this.registry,
      'pact_projection_lag_events',
      'Events appended but not yet projected',
      ['projection'],
      async () =>
        (await this.projector.status()).map((p) => ({
          labels: { projection: p.name },
          value: p.lag,
        })),
    );
    sampledGauge(
      this.registry,
      'pact_projection_lag_seconds',
      'Age of the oldest event not yet projected',
      ['projection'],
      async () =>
        Promise.all(
          (await this.projector.status()).map(async (p) => {
            const [next] = await this.store.readAll({ after: BigInt(p.position), maxCount: 1 });
            const age = next
              ? (this.clock.now().getTime() - Date.parse(next.recordedAt)) / 1000
              : 0;
            return { labels: { projection: p.name }, value: Math.max(0, age) };
          }),
        ),
    );
    sampledGauge(
      this.registry,
      'pact_queue_jobs',
      'BullMQ jobs by queue and state',
      ['queue', 'state'],
      async () => {
        const health = await this.reminders.health();
        if (!health.queues) return [];
        return Object.entries(health.queues).flatMap(([queue, depth]) =>
          Object.entries(depth).map(([state, value]: [string, number]) => ({
            labels: { queue, state },
            value,
          })),
        );
      },
    );
    sampledGauge(
      this.registry,
      'pact_prompts_sent',
      'Reporting prompts recorded, by stage',
      ['stage'],
      async () =>
        Object.entries((await this.reminders.health()).prompts).map(([stage, value]) => ({
          labels: { stage },
          value,
        })),
    );
    sampledGauge(
      this.registry,
      'pact_prompt_deliveries',
      'Prompt deliveries (webhook, email) by status',
      ['status'],
      async () =>
        Object.entries((await this.reminders.health()).deliveries).map(([status, value]) => ({
          labels: { status },
          value,
        })),
    );
  }

  @Get()
  @Anyone()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

import { CLOCK, type Clock } from '@pact/application';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { METRICS, sampledGauge } from '@pact/infrastructure';
import { Projector } from '@pact/projections';
import { RemindersMonitor } from '@pact/reminders';
import { Controller, Get, Header, Inject, type OnModuleInit } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { Anyone } from '../auth/access.decorator';
import { NotRateLimited } from '../http/rate-limit/rate-limit.guard';

/** Prometheus text: HTTP and command figures, append latency, projection lag, queues and prompts. */
@Controller('metrics')
@NotRateLimited()
export class MetricsController implements OnModuleInit {
  constructor(
    @Inject(METRICS) private readonly registry: Registry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projector: Projector,
    private readonly reminders: RemindersMonitor,
  ) {}

  // One scrape reads each source once, however many gauges it feeds.
  private readonly projections = oncePerScrape(() => this.projector.status());
  private readonly remindersHealth = oncePerScrape(() => this.reminders.health());

  onModuleInit(): void {
    sampledGauge(
      this.registry,
      'pact_projection_lag_events',
      'Events appended but not yet projected',
      ['projection'],
      async () =>
        (await this.projections()).map((p) => ({
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
          (await this.projections()).map(async (p) => {
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
        const health = await this.remindersHealth();
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
        Object.entries((await this.remindersHealth()).prompts ?? {}).map(([stage, value]) => ({
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
        Object.entries((await this.remindersHealth()).deliveries ?? {}).map(([status, value]) => ({
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

/** The same answer to every call within a moment: the gauges of one scrape share one read. */
function oncePerScrape<T>(read: () => Promise<T>, forMs = 1000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > forMs) cached = { at: now, value: read() };
    return cached.value;
  };
}

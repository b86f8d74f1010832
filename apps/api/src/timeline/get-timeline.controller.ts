import { APP_CONFIG, loadTimeline, type AppConfig } from '@pact/application';
import { aiActProvisions, timelineInForce, type TimelineVersionRecorded } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Controller, Get, Inject } from '@nestjs/common';
import { Anyone } from '../auth/access.decorator';

@Controller('v1/ai-act-timeline')
export class GetTimelineController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The AI Act's timeline in force: each provision with the date it applies from, and every version
   * known, the shipped reference data first, then each recorded amendment with its changes.
   */
  @Get()
  @Anyone()
  async get() {
    const { state, events } = await loadTimeline(this.store, this.config.aiActTimelineBase);
    const inForce = timelineInForce(state);
    const recorded = new Map(
      events.map((e) => [(e.data as TimelineVersionRecorded['data']).version, e]),
    );
    return {
      version: inForce.version,
      act: inForce.act,
      inForceFrom: inForce.inForceFrom,
      provisions: aiActProvisions.map((p) => ({
        provision: p.id,
        ...(p.article === undefined ? {} : { article: p.article }),
        ...(p.paragraph === undefined ? {} : { paragraph: p.paragraph }),
        ...(p.annex === undefined ? {} : { annex: p.annex }),
        title: p.title,
        appliesFrom: inForce.appliesFrom[p.id] ?? null,
      })),
      versions: state.versions.map((version) => {
        const event = recorded.get(version.version);
        const data = event?.data as TimelineVersionRecorded['data'] | undefined;
        return {
          version: version.version,
          act: version.act,
          inForceFrom: version.inForceFrom,
          source: event ? 'recorded' : 'reference-data',
          ...(event && data
            ? {
                eventId: event.eventId,
                recordedAt: event.recordedAt,
                revision: event.revision,
                previousVersion: data.previousVersion,
                changes: data.changes,
              }
            : {}),
        };
      }),
    };
  }
}

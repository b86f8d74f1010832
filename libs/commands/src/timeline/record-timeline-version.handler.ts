import {
  APP_CONFIG,
  handle,
  timelineDecider,
  written,
  type AppConfig,
  type CommandContext,
  type CommandResult,
} from '@pact/application';
import { TIMELINE_STREAM, type DateChange, type TimelineVersion } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

export class RecordTimelineVersionCommand extends Command<RecordTimelineVersionResult> {
  constructor(
    readonly version: TimelineVersion,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type RecordTimelineVersionResult = CommandResult & {
  readonly version: string;
  readonly previousVersion: string;
  readonly changes: readonly DateChange[];
};

/**
 * An amendment of the AI Act's timeline, recorded in the timeline's own stream with the date changes
 * it makes against the version before. Recording the same version again changes nothing.
 */
@CommandHandler(RecordTimelineVersionCommand)
export class RecordTimelineVersionHandler implements ICommandHandler<
  RecordTimelineVersionCommand,
  RecordTimelineVersionResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({
    version,
    context,
  }: RecordTimelineVersionCommand): Promise<RecordTimelineVersionResult> {
    const result = await handle(
      this.store,
      timelineDecider(this.config.aiActTimelineBase),
      TIMELINE_STREAM,
      { type: 'RecordTimelineVersion', data: { version, recordedAt: context.now.toISOString() } },
      context,
    );
    const recorded =
      result.events[0]?.data ?? result.state.recorded.find((r) => r.version === version.version)!;
    return {
      ...written(result),
      version: recorded.version,
      previousVersion: recorded.previousVersion,
      changes: recorded.changes,
    };
  }
}

import type { EventStore } from '@pact/event-store';
import { RAW_EVENT_STORE } from '@pact/infrastructure';
import { Inject } from '@nestjs/common';
import { once } from 'node:events';
import { Command, CommandRunner, Option } from 'nest-commander';

/**
 * The whole log as NDJSON, one event per line exactly as stored (personal data sealed), with its
 * hashes: enough for anyone to verify the chains of an export without the server.
 */
@Command({ name: 'events:export', description: 'write every event as NDJSON to standard output' })
export class EventsExportCommand extends CommandRunner {
  constructor(@Inject(RAW_EVENT_STORE) private readonly events: EventStore) {
    super();
  }

  async run(_args: string[], options: { after?: string }): Promise<void> {
    let after = BigInt(options.after ?? '0');
    for (;;) {
      const batch = await this.events.readAll({ after, maxCount: 1000 });
      if (batch.length === 0) return;
      const lines = batch
        .map((event) => JSON.stringify({ ...event, position: String(event.position) }))
        .join('\n');
      if (!process.stdout.write(`${lines}\n`)) await once(process.stdout, 'drain');
      after = batch.at(-1)!.position;
    }
  }

  @Option({ flags: '--after <position>', description: 'only events after this global position' })
  parseAfter(value: string): string {
    if (!/^\d+$/.test(value)) throw new Error('--after must be a position (a whole number)');
    return value;
  }
}

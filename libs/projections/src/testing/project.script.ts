// Child process of the projector crash test: projects a data folder and prints checkpoints as they move.
import { defaultReportingConfig } from '@pact/domain';
import { SqliteEventStore } from '@pact/event-store';
import { EmbeddedReadStore } from '@pact/read-store';
import { join } from 'node:path';
import { practicesProjection } from '../practices/practices.projection';
import { Projector } from '../projector';
import { registryProjection } from '../registry/registry.projection';

async function main(dir: string): Promise<void> {
  const events = new SqliteEventStore({ filename: join(dir, 'events.db') });
  const read = new EmbeddedReadStore(join(dir, 'read.db'));
  const projector = new Projector(
    [registryProjection(defaultReportingConfig()), practicesProjection],
    events,
    read,
    { batchSize: 5 },
  );
  await projector.start();
  for (;;) {
    const positions = (await read.checkpoints()).map((c) => `${c.name}=${c.position}`);
    process.stdout.write(`${positions.join(' ')}\n`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

void main(process.argv[2]!);

// Child process of the crash and sharing tests: appends (forever, or `count` times) and prints each acknowledged append.
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';

async function main(filename: string, count: number): Promise<void> {
  const store = new SqliteEventStore({ filename });
  for (let i = 0; i < count; i++) {
    const eventId = randomUUID();
    const result = await store.append(
      `crash-${i % 7}`,
      [
        {
          eventId,
          type: 'Appended',
          schemaVersion: 1,
          recordedAt: new Date().toISOString(),
          data: { i },
          metadata: {
            actor: { keyId: 'crash', role: 'system' },
            correlationId: eventId,
            causationId: eventId,
          },
        },
      ],
      'any',
    );
    process.stdout.write(`${eventId} ${result.position}\n`);
  }
}

void main(process.argv[2]!, Number(process.argv[3] ?? Infinity)).then(() => process.exit(0));

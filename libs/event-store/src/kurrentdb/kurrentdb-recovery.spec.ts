import { KurrentDBClient, UnavailableError } from '@kurrent/kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { CLOSED_PORT } from '../../../../test/support/redis-server';

describe('KurrentDB client recovery (the real client against a closed port)', () => {
  it('replaces a client that found the server unreachable, at most once per interval, and says since when', async () => {
    const url = `kurrentdb://127.0.0.1:${CLOSED_PORT}?tls=false`;
    const clients: KurrentDBClient[] = [];
    let now = 1_000_000;
    const logged: string[] = [];
    const store = new KurrentDbEventStore(url, {
      createClient: () => {
        const client = KurrentDBClient.connectionString(url);
        clients.push(client);
        return client;
      },
      now: () => now,
      recreateAfterMs: 5000,
      log: (message) => logged.push(message),
    });
    expect(clients).toHaveLength(1);
    expect(store.unreachableSince).toBeUndefined();

    // Within the interval, the client is kept; after it, the next failure brings a new one.
    await expect(store.headPosition()).rejects.toBeInstanceOf(UnavailableError);
    expect(store.unreachableSince).toBe(1_000_000);
    expect(clients).toHaveLength(1);
    now += 5000;
    await expect(store.readStream('pledge-x')).rejects.toBeInstanceOf(UnavailableError);
    expect(clients).toHaveLength(2);
    now += 1000;
    await expect(store.readAll({ after: 0n })).rejects.toBeInstanceOf(UnavailableError);
    expect(clients).toHaveLength(2);
    now += 5000;
    await expect(
      store.append(
        'pledge-x',
        [
          {
            eventId: '00000000-0000-4000-8000-000000000001',
            type: 'T',
            schemaVersion: 1,
            recordedAt: new Date(now).toISOString(),
            data: {},
            metadata: {
              actor: { keyId: 'k', role: 'system' },
              correlationId: 'c',
              causationId: 'c',
            },
          },
        ],
        'any',
      ),
    ).rejects.toBeInstanceOf(UnavailableError);
    expect(clients).toHaveLength(3);
    // Unreachable since the first failure, however many clients were tried.
    expect(store.unreachableSince).toBe(1_000_000);
    expect(logged.filter((m) => /new client/.test(m))).toHaveLength(2);
    await store.close();
  });
});

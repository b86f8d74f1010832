import { SqliteEventStore } from '@pact/event-store';
import { openAppDatabase, OwnPorts } from '@pact/infrastructure';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryChannel } from './delivery-log';
import { DeliveryProcessor } from './delivery-processor';
import { SqliteDeliveryLog } from './sqlite-delivery-log';

/** The real SQLite log, whose first `markDelivered` fails as an unreachable MongoDB would. */
class LogFailingFirstRecord extends SqliteDeliveryLog {
  private failures = 1;

  override markDelivered(promptId: string, channel: DeliveryChannel, now: Date): Promise<void> {
    if (this.failures-- > 0) return Promise.reject(new Error('connection reset'));
    return super.markDelivered(promptId, channel, now);
  }
}

describe('delivery processor (real SQLite, a real webhook receiver)', () => {
  let dir: string;
  let receiver: Server;
  let received = 0;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pact-delivery-'));
    received = 0;
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received++;
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('never dead-letters a delivered prompt whose record failed: the job runs again', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    const db = openAppDatabase(join(dir, 'app.db'), 'NORMAL');
    const log = new LogFailingFirstRecord(db);
    const organisationId = randomUUID();
    const { port } = receiver.address() as AddressInfo;
    await store.append(
      `organisation-${organisationId}`,
      [
        {
          eventId: randomUUID(),
          type: 'OrganisationRegistered',
          schemaVersion: 1,
          recordedAt: '2026-11-30T10:00:00.000Z',
          data: {
            organisationId,
            name: 'Acme',
            country: 'DE',
            sector: 'J',
            size: 'large',
            roles: ['provider'],
            contact: { name: 'Ada', email: 'ada@acme.example' },
            webhookUrl: `http://127.0.0.1:${port}/hook`,
            registeredAt: '2026-11-30T10:00:00.000Z',
          },
          metadata: {
            actor: { keyId: 'k', role: 'participant' },
            correlationId: 'c',
            causationId: 'c',
          },
        },
      ],
      'no-stream',
    );
    const processor = new DeliveryProcessor(
      store,
      log,
      { find: () => Promise.resolve('whsec_test') },
      undefined,
      { now: () => new Date('2026-11-30T12:00:00.000Z') },
      // One attempt in all: a failure recorded as the delivery's would make it dead at once.
      { timeoutMs: 2000, allowInsecure: true, ownPorts: new OwnPorts(0), attempts: 1 },
    );
    try {
      const promptId = randomUUID();
      const now = new Date('2026-11-30T11:00:00.000Z');
      await log.record({ promptId, channel: 'webhook', organisationId, payload: '{}' }, now);
      const job = { promptId, channel: 'webhook' as const };

      await expect(processor.process(job, 1)).rejects.toThrow('connection reset');
      expect(received).toBe(1);
      expect(await log.find(promptId, 'webhook')).toMatchObject({
        status: 'pending',
        attempts: 0,
        lastError: null,
      });

      // The job runs again (BullMQ's retry, or the sweep's restore): sent again, then recorded.
      expect(await processor.process(job, 1)).toBe('delivered');
      expect(received).toBe(2);
      expect(await log.find(promptId, 'webhook')).toMatchObject({ status: 'delivered' });
      expect(await processor.process(job, 1)).toBe('skipped');
      expect(received).toBe(2);
    } finally {
      processor.close();
      await store.close();
      db.close();
    }
  });
});

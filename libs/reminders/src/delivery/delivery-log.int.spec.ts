import { openAppDatabase } from '@pact/infrastructure';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryLog } from './delivery-log';

describe('delivery log (real SQLite)', () => {
  let dir: string;
  let log: DeliveryLog;
  const now = new Date('2026-11-26T10:00:00.000Z');
  const delivery = {
    promptId: 'p1',
    channel: 'webhook',
    organisationId: 'o1',
    payload: '{}',
  } as const;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pact-deliveries-'));
    log = new DeliveryLog(openAppDatabase(join(dir, 'app.db'), 'NORMAL'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records a delivery once, however often the prompt is seen', () => {
    expect(log.record(delivery, now)).toBe(true);
    expect(log.record(delivery, now)).toBe(false);
    expect(log.find('p1', 'webhook')).toMatchObject({
      status: 'pending',
      jobId: 'webhook-p1',
      attempts: 0,
    });
    expect(log.counts()).toEqual({ pending: 1, delivered: 0, dead: 0, cancelled: 0 });
  });

  it('counts failed attempts, dead-letters the last, and reopens a dead one under a new job id', () => {
    log.record(delivery, now);
    log.markFailed('p1', 'webhook', 'HTTP 500', false, now);
    expect(log.find('p1', 'webhook')).toMatchObject({ status: 'pending', attempts: 1 });
    log.markFailed('p1', 'webhook', 'HTTP 502', true, now);
    expect(log.list('dead')).toEqual([
      expect.objectContaining({ promptId: 'p1', attempts: 2, lastError: 'HTTP 502' }),
    ]);
    expect(log.reopen('p1', 'webhook', now)).toMatchObject({
      status: 'pending',
      jobId: 'webhook-p1-retry-1',
    });
    // Only dead deliveries reopen.
    expect(log.reopen('p1', 'webhook', now)).toBeUndefined();
    log.markFailed('p1', 'webhook', 'HTTP 500', true, now);
    expect(log.reopen('p1', 'webhook', now)?.jobId).toBe('webhook-p1-retry-2');
    log.markDelivered('p1', 'webhook', now);
    expect(log.find('p1', 'webhook')).toMatchObject({
      status: 'delivered',
      deliveredAt: now.toISOString(),
      lastError: null,
    });
    // A late failure report (a job that ran twice) does not undo a delivery.
    log.markFailed('p1', 'webhook', 'timeout', true, now);
    expect(log.find('p1', 'webhook')?.status).toBe('delivered');
    expect(log.pending(10)).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import type { DeliveryLog } from '../delivery/delivery-log';
import type { ReminderLedger } from '../scheduling/reminder-ledger';

export interface ReminderStoresSubject {
  readonly ledger: ReminderLedger;
  readonly deliveries: DeliveryLog;
  cleanup(): Promise<void>;
}

/**
 * What the reminder worker's ledger and delivery log must do, whatever holds them. Each test opens
 * fresh stores (a new SQLite file, a new MongoDB database), so counts start from nothing.
 */
export function describeReminderStoresContract(
  name: string,
  open: () => Promise<ReminderStoresSubject>,
): void {
  describe(`reminder ledger and delivery log: ${name}`, () => {
    let subject: ReminderStoresSubject;
    beforeEach(async () => (subject = await open()));
    afterEach(() => subject.cleanup());
    const now = new Date('2026-11-26T10:00:00.000Z');
    const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

    describe('ledger', () => {
      it('keeps a checkpoint that never moves backwards, exactly, past 2^53', async () => {
        const { ledger } = subject;
        expect(await ledger.checkpoint('scheduler')).toBe(0n);
        const far = 2n ** 60n + 7n;
        await ledger.saveCheckpoint('scheduler', far);
        await ledger.saveCheckpoint('scheduler', 12n);
        expect(await ledger.checkpoint('scheduler')).toBe(far);
        await Promise.all([30n, 10n, 20n].map((p) => ledger.saveCheckpoint('other', p)));
        expect(await ledger.checkpoint('other')).toBe(30n);
        expect(await ledger.checkpoint('scheduler')).toBe(far);
      });

      it('answers the pledges due by a time, by pledge id, a page at a time, and forgets cleared ones', async () => {
        const { ledger } = subject;
        const id = (p: string) => `${p}-${randomUUID()}`;
        const [a, b, c, d] = [id('a'), id('b'), id('c'), id('d')];
        await ledger.setNextAtMany(
          new Map([
            [c, 100],
            [a, 300],
            [b, 200],
            [d, 900],
          ]),
        );
        expect(await ledger.scheduledPledges()).toBe(4);
        expect(await ledger.pledgesDueBy(300, 10)).toEqual([a, b, c]);
        expect(await ledger.pledgesDueBy(300, 2)).toEqual([a, b]);
        expect(await ledger.pledgesDueBy(300, 2, b)).toEqual([c]);
        expect(await ledger.pledgesDueBy(50, 10)).toEqual([]);
        await ledger.setNextAtMany(
          new Map<string, number | null>([
            [a, null],
            [d, 250],
          ]),
        );
        expect(await ledger.pledgesDueBy(300, 10)).toEqual([b, c, d]);
        expect(await ledger.scheduledPledges()).toBe(3);
        await ledger.setNextAtMany(new Map());
        expect(await ledger.scheduledPledges()).toBe(3);
      });

      it('notes each prompt once, however often and however many times at once it is seen', async () => {
        const { ledger } = subject;
        expect(await ledger.promptCounts()).toEqual({});
        const [p1, p2, p3] = [randomUUID(), randomUUID(), randomUUID()];
        await Promise.all([p1, p1, p1].map((p) => ledger.notePrompt(p, 'due')));
        await ledger.notePrompt(p2, 'due');
        await ledger.notePrompt(p3, 'overdue');
        await ledger.notePrompt(p3, 'overdue');
        expect(await ledger.promptCounts()).toEqual({ due: 2, overdue: 1 });
      });
    });

    describe('delivery log', () => {
      const delivery = (promptId = randomUUID()) =>
        ({ promptId, channel: 'webhook', organisationId: 'o1', payload: '{"a":1}' }) as const;

      it('records a delivery once, however often and however many times at once the prompt is seen', async () => {
        const { deliveries } = subject;
        const d = delivery();
        const recorded = await Promise.all([1, 2, 3].map(() => deliveries.record(d, now)));
        expect(recorded.filter(Boolean)).toHaveLength(1);
        expect(await deliveries.record(d, later(1))).toBe(false);
        expect(await deliveries.find(d.promptId, 'webhook')).toEqual({
          ...d,
          status: 'pending',
          jobId: `webhook-${d.promptId}`,
          attempts: 0,
          lastError: null,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
          deliveredAt: null,
        });
        expect(await deliveries.find(d.promptId, 'email')).toBeUndefined();
        expect(await deliveries.counts()).toEqual({
          pending: 1,
          delivered: 0,
          dead: 0,
          cancelled: 0,
        });
      });

      it('counts failed attempts, dead-letters the last, and reopens a dead one under a new job id', async () => {
        const { deliveries } = subject;
        const { promptId } = delivery();
        await deliveries.record(delivery(promptId), now);
        await deliveries.markFailed(promptId, 'webhook', 'HTTP 500', false, now);
        expect(await deliveries.find(promptId, 'webhook')).toMatchObject({
          status: 'pending',
          attempts: 1,
        });
        await deliveries.markFailed(promptId, 'webhook', 'HTTP 502'.padEnd(900, '.'), true, now);
        expect(await deliveries.list('dead')).toEqual([
          expect.objectContaining({
            promptId,
            attempts: 2,
            lastError: 'HTTP 502'.padEnd(500, '.'),
          }),
        ]);
        expect(await deliveries.reopen(promptId, 'webhook', later(1))).toMatchObject({
          status: 'pending',
          jobId: `webhook-${promptId}-retry-1`,
          updatedAt: later(1).toISOString(),
        });
        // Only dead deliveries reopen.
        expect(await deliveries.reopen(promptId, 'webhook', now)).toBeUndefined();
        expect(await deliveries.reopen(randomUUID(), 'webhook', now)).toBeUndefined();
        await deliveries.markFailed(promptId, 'webhook', 'HTTP 500', true, now);
        expect((await deliveries.reopen(promptId, 'webhook', now))?.jobId).toBe(
          `webhook-${promptId}-retry-2`,
        );
        await deliveries.markDelivered(promptId, 'webhook', later(2));
        expect(await deliveries.find(promptId, 'webhook')).toMatchObject({
          status: 'delivered',
          attempts: 4,
          deliveredAt: later(2).toISOString(),
          lastError: null,
        });
        // A late failure report (a job that ran twice) does not undo a delivery.
        await deliveries.markFailed(promptId, 'webhook', 'timeout', true, later(3));
        expect((await deliveries.find(promptId, 'webhook'))?.status).toBe('delivered');
        expect(await deliveries.pending(10)).toEqual([]);
      });

      it('lets one of several concurrent reopens of a dead delivery win', async () => {
        const { deliveries } = subject;
        const { promptId } = delivery();
        await deliveries.record(delivery(promptId), now);
        await deliveries.markFailed(promptId, 'webhook', 'HTTP 500', true, now);
        const reopened = await Promise.all(
          [1, 2, 3, 4].map(() => deliveries.reopen(promptId, 'webhook', later(1))),
        );
        expect(reopened.filter((r) => r !== undefined).map((r) => r.jobId)).toEqual([
          `webhook-${promptId}-retry-1`,
        ]);
      });

      it('lists by most recent update, by status, and the pending ones oldest first', async () => {
        const { deliveries } = subject;
        const [first, second, third] = [delivery(), delivery(), delivery()];
        await deliveries.record(first, later(1));
        await deliveries.record(second, later(2));
        await deliveries.record({ ...third, channel: 'email' }, later(3));
        await deliveries.cancel(first.promptId, 'webhook', 'webhook removed', later(4));
        expect((await deliveries.list(undefined)).map((d) => d.promptId)).toEqual([
          first.promptId,
          third.promptId,
          second.promptId,
        ]);
        expect((await deliveries.list(undefined, 1)).map((d) => d.promptId)).toEqual([
          first.promptId,
        ]);
        expect(await deliveries.list('cancelled')).toEqual([
          expect.objectContaining({
            promptId: first.promptId,
            status: 'cancelled',
            lastError: 'webhook removed',
          }),
        ]);
        expect((await deliveries.pending(10)).map((d) => [d.promptId, d.channel])).toEqual([
          [second.promptId, 'webhook'],
          [third.promptId, 'email'],
        ]);
        expect((await deliveries.pending(1)).map((d) => d.promptId)).toEqual([second.promptId]);
        expect(await deliveries.counts()).toEqual({
          pending: 2,
          delivered: 0,
          dead: 0,
          cancelled: 1,
        });
      });
    });
  });
}

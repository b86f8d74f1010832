import { BSON, Long } from 'mongodb';
import { deliveryId, toDelivery } from './delivery/mongo-delivery-log';
import { storedPosition } from './scheduling/mongo-reminder-ledger';

describe('MongoDB documents of the reminder ledger and delivery log', () => {
  it('reads a checkpoint back exactly, whether the driver answers a number or a Long', () => {
    for (const position of [0n, 12n, 2n ** 53n - 1n, 2n ** 53n + 1n, 2n ** 63n - 1n]) {
      // Through real BSON, with the driver's default promotion of int64 values.
      const bytes = BSON.serialize({ position: Long.fromBigInt(position) });
      const read = BSON.deserialize(bytes) as { position: Long | number };
      expect(storedPosition(read.position)).toBe(position);
    }
  });

  it('keys a delivery by channel and prompt, and answers it without the key', () => {
    expect(deliveryId('p-1', 'webhook')).toBe('webhook/p-1');
    expect(deliveryId('p-1', 'email')).not.toBe(deliveryId('p-1', 'webhook'));
    const delivery = {
      promptId: 'p-1',
      channel: 'webhook' as const,
      organisationId: 'o-1',
      payload: '{}',
      status: 'pending' as const,
      jobId: 'webhook-p-1',
      attempts: 0,
      lastError: null,
      createdAt: '2026-11-30T10:00:00.000Z',
      updatedAt: '2026-11-30T10:00:00.000Z',
      deliveredAt: null,
    };
    const stored = BSON.deserialize(
      BSON.serialize({ _id: deliveryId('p-1', 'webhook'), ...delivery }),
    );
    expect(toDelivery(stored as never)).toEqual(delivery);
  });
});

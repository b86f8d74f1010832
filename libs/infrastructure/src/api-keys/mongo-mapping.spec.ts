import { judge, recordId } from '../idempotency/mongo-idempotency.store';
import { fromApiKeyDocument, toApiKeyDocument } from './mongo-api-key.store';

describe('MongoDB documents of keys and idempotency records', () => {
  it('round-trips a key record, absent fields as null in the document', () => {
    const stored = {
      secretHash: 'ab'.repeat(32),
      record: {
        id: 'k1',
        role: 'participant' as const,
        organisationId: 'o1',
        label: 'ci',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    };
    const document = toApiKeyDocument(stored);
    expect(document).toEqual({
      _id: 'k1',
      secretHash: stored.secretHash,
      role: 'participant',
      organisationId: 'o1',
      label: 'ci',
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: null,
      revokedAt: null,
    });
    expect(fromApiKeyDocument(document)).toEqual(stored);
  });

  it('judges an unexpired record as the SQLite store does', () => {
    const open = (sealed: string) => sealed.replace('sealed:', '');
    const done = { fingerprint: 'f', state: 'done' as const, response: 'sealed:{"status":201}' };
    expect(judge(done, 'f', open)).toEqual({ kind: 'replay', response: { status: 201 } });
    expect(judge(done, 'g', open)).toEqual({ kind: 'mismatch' });
    expect(judge({ ...done, state: 'pending', response: null }, 'f', open)).toEqual({
      kind: 'in-progress',
    });
    // Principal and key cannot run into each other.
    expect(recordId('a', 'bc')).not.toBe(recordId('ab', 'c'));
  });
});

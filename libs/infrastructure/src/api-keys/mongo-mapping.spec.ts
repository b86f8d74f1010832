import { judge, recordId } from '../idempotency/mongo-idempotency.store';
import { Query } from 'mingo';
import { apiKeyQuery, fromApiKeyDocument, toApiKeyDocument } from './mongo-api-key.store';

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

  it("queries a list's keys: the filter's, and those after the cursor in newest-first order", () => {
    const documents = [
      { at: '2026-01-03', id: 'a', organisationId: 'o1', role: 'participant' },
      { at: '2026-01-02', id: 'a', organisationId: null, role: 'analyst' },
      { at: '2026-01-02', id: 'b', organisationId: 'o1', role: 'participant' },
      { at: '2026-01-02', id: 'c', organisationId: 'o2', role: 'participant' },
      { at: '2026-01-01', id: 'd', organisationId: null, role: 'admin' },
    ].map(({ at, id, organisationId, role }) =>
      toApiKeyDocument({
        secretHash: 'h',
        record: {
          id: `${at}/${id}`,
          role: role as 'participant',
          label: 'l',
          createdAt: `${at}T00:00:00.000Z`,
          ...(organisationId ? { organisationId } : {}),
        },
      }),
    );
    const selected = (...args: Parameters<typeof apiKeyQuery>) =>
      new Query(apiKeyQuery(...args) as Record<string, unknown>)
        .find(documents)
        .all()
        .map((document) => (document as { _id: string })._id);
    expect(selected({}, undefined)).toHaveLength(5);
    expect(selected({ organisationId: 'o1' }, undefined)).toEqual(['2026-01-03/a', '2026-01-02/b']);
    expect(selected({ role: 'participant', organisationId: 'o2' }, undefined)).toEqual([
      '2026-01-02/c',
    ]);
    // After 2026-01-02/a: the later ids of that instant, then every earlier instant.
    expect(selected({}, { createdAt: '2026-01-02T00:00:00.000Z', id: '2026-01-02/a' })).toEqual([
      '2026-01-02/b',
      '2026-01-02/c',
      '2026-01-01/d',
    ]);
    // A searched ID: that key, and that organisation's keys.
    expect(selected({ keyOrOrganisation: 'o2' }, undefined)).toEqual(['2026-01-02/c']);
    expect(selected({ keyOrOrganisation: '2026-01-01/d' }, undefined)).toEqual(['2026-01-01/d']);
    expect(
      selected(
        { keyOrOrganisation: 'o1' },
        { createdAt: '2026-01-03T00:00:00.000Z', id: '2026-01-03/a' },
      ),
    ).toEqual(['2026-01-02/b']);
    expect(
      selected(
        { organisationId: 'o1' },
        { createdAt: '2026-01-03T00:00:00.000Z', id: '2026-01-03/a' },
      ),
    ).toEqual(['2026-01-02/b']);
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

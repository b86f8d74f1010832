import type { RecordedEvent } from './event-store.port';
import { chainHash, GENESIS_HASH } from './hash-chain';
import { verifyChain } from './verification';

function chain(length: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previousHash = GENESIS_HASH;
  for (let revision = 0; revision < length; revision++) {
    const base = {
      streamId: 'pledge-1',
      revision,
      position: BigInt(revision + 1),
      eventId: `e${revision}`,
      type: 'Happened',
      schemaVersion: 1,
      recordedAt: '2026-01-01T00:00:00.000Z',
      data: { n: revision },
      metadata: {
        actor: { keyId: 'k', role: 'admin' as const },
        correlationId: 'c',
        causationId: 'c',
      },
      previousHash,
    };
    const hash = chainHash(previousHash, base);
    events.push({ ...base, hash });
    previousHash = hash;
  }
  return events;
}

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const events = chain(5);
    expect(verifyChain(events)).toEqual({ valid: true, eventCount: 5, headHash: events[4]!.hash });
    expect(verifyChain([])).toEqual({ valid: true, eventCount: 0, headHash: GENESIS_HASH });
  });

  it('finds edited data, a deleted event and a broken link at their revision', () => {
    const edited = chain(5);
    edited[2] = { ...edited[2]!, data: { n: 99 } };
    expect(verifyChain(edited)).toMatchObject({ valid: false, firstInvalidRevision: 2 });
    const gap = chain(5).filter((e) => e.revision !== 3);
    expect(verifyChain(gap)).toMatchObject({ valid: false, firstInvalidRevision: 3 });
    const relinked = chain(5);
    relinked[1] = { ...relinked[1]!, previousHash: 'f'.repeat(64) };
    expect(verifyChain(relinked)).toMatchObject({ valid: false, firstInvalidRevision: 1 });
  });

  it('finds a cut tail only against a sealed head', () => {
    const full = chain(5);
    const cut = full.slice(0, 3);
    expect(verifyChain(cut).valid).toBe(true);
    expect(verifyChain(cut, { revision: 4, hash: full[4]!.hash })).toMatchObject({
      valid: false,
      firstInvalidRevision: 3,
    });
    expect(verifyChain(full, { revision: 4, hash: 'x' })).toMatchObject({
      valid: false,
      firstInvalidRevision: 4,
    });
    expect(verifyChain(full, { revision: 2, hash: full[2]!.hash }).valid).toBe(true);
  });
});

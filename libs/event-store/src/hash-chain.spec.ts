import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson, chainHash } from './hash-chain';

/** The formula as published, written out plainly: canonical JSON of the whole envelope. */
function published(previousHash: string, fields: Record<string, unknown>): string {
  return createHash('sha256')
    .update(previousHash + canonicalJson(fields))
    .digest('hex');
}

/** The definition: JSON.stringify of a copy with every object's keys sorted. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  // A null prototype, so a "__proto__" key stays a key (the API refuses such keys at the edge anyway).
  const sorted = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(source).sort()) sorted[key] = sortKeys(source[key]);
  return sorted;
}

describe('canonicalJson', () => {
  it('writes what JSON.stringify writes of a key-sorted copy, for any JSON value', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.dictionary(fc.stringMatching(/^[0-9]{1,3}$/), fc.jsonValue()),
        (value, numbered) => {
          expect(canonicalJson(numbered)).toBe(JSON.stringify(sortKeys(numbered)));
          expect(canonicalJson(value)).toBe(JSON.stringify(sortKeys(value)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('writes any string, key or value, as JSON.stringify does (quotes, backslashes, controls, lone surrogates)', () => {
    // Any UTF-16 code unit, so lone surrogates and control characters come up often.
    const anyText = fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    });
    fc.assert(
      fc.property(anyText, anyText, (key, value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(value));
        expect(canonicalJson({ [key]: value, z: [value] })).toBe(
          JSON.stringify(sortKeys({ [key]: value, z: [value] })),
        );
      }),
      { numRuns: 2000 },
    );
    expect(canonicalJson('a"b\\c\n\u0001\ud800\u2028')).toBe(
      JSON.stringify('a"b\\c\n\u0001\ud800\u2028'),
    );
  });

  it('sorts objects of many keys as of few (past the insertion sort)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.integer(), { minKeys: 17, maxKeys: 60 }),
        (value) => {
          expect(canonicalJson(value)).toBe(JSON.stringify(sortKeys(value)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('treats undefined, functions and non-finite numbers as JSON.stringify does', () => {
    const odd = {
      b: undefined,
      a: [undefined, () => 1, NaN, -0, Infinity],
      c: { z: 1, y: { x: undefined } },
      '': 'e',
    };
    expect(canonicalJson(odd)).toBe(JSON.stringify(sortKeys(odd)));
  });
});

describe('chainHash', () => {
  it('equals the published formula for any data and metadata (the envelope is assembled from canonical parts)', () => {
    const text = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.record({
          streamId: text,
          revision: fc.nat(),
          eventId: text,
          type: text,
          schemaVersion: fc.integer({ min: 1, max: 9 }),
          recordedAt: text,
          data: fc.jsonValue(),
          metadata: fc.record({
            actor: fc.record({
              keyId: text,
              role: fc.constantFrom('admin', 'participant', 'system'),
            }),
            correlationId: text,
            causationId: text,
            idempotencyKey: fc.option(text, { nil: undefined }),
          }),
        }),
        (previousHash, fields) => {
          expect(chainHash(previousHash, fields as never)).toBe(published(previousHash, fields));
        },
      ),
      { numRuns: 500 },
    );
  });
});

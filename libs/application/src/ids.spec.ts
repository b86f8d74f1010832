import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { deriveId, PACT_NAMESPACE, pledgeIdForSlot } from './ids';

describe('deriveId', () => {
  it('is the version-5 UUID of the joined parts in the project namespace, as the uuid package makes it', () => {
    const part = fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.uuid());
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        expect(deriveId(...parts)).toBe(uuidv5(parts.join('/'), PACT_NAMESPACE));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the ids already stored: a pledge slot derives what it always did', () => {
    expect(pledgeIdForSlot('org-1', 0)).toBe('ec47789f-2e9d-5100-9903-791c08fcb9ee');
  });
});

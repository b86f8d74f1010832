import { currentSchemaVersion, upcast } from './upcasters';

describe('upcasters', () => {
  it('writes PracticeShared in version 2 and upgrades version 1 with English as its language', () => {
    expect(currentSchemaVersion('PracticeShared')).toBe(2);
    expect(upcast('PracticeShared', 1, { title: 'T' })).toEqual({
      schemaVersion: 2,
      data: { title: 'T', language: 'en' },
    });
    expect(upcast('PracticeShared', 2, { title: 'T', language: 'de' })).toEqual({
      schemaVersion: 2,
      data: { title: 'T', language: 'de' },
    });
  });

  it('leaves types without upcasters at version 1, unchanged', () => {
    expect(currentSchemaVersion('PledgeSigned')).toBe(1);
    expect(upcast('PledgeSigned', 1, { a: 1 })).toEqual({ schemaVersion: 1, data: { a: 1 } });
  });
});

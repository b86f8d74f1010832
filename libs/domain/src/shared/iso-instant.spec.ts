import { parseIsoDateOrInstant, parseIsoInstant } from './values';

describe('parseIsoInstant', () => {
  it.each([
    ['2026-01-15T09:00:00.000Z', '2026-01-15T09:00:00.000Z'],
    ['2026-01-15T09:00Z', '2026-01-15T09:00:00.000Z'],
    ['2026-01-15T09:00', '2026-01-15T09:00:00.000Z'],
    ['2026-01-15t09:00:30z', '2026-01-15T09:00:30.000Z'],
    ['2026-01-15T09:00:00+02:00', '2026-01-15T07:00:00.000Z'],
    ['2026-01-15T09:00:00-0130', '2026-01-15T10:30:00.000Z'],
    ['2026-01-15T09:00:00.1Z', '2026-01-15T09:00:00.100Z'],
    ['2026-01-15T09:00:00.123456789Z', '2026-01-15T09:00:00.123Z'],
    ['2028-02-29T23:59:59Z', '2028-02-29T23:59:59.000Z'],
    ['0050-06-01T00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('reads %s as %s', (value, expected) => {
    expect(parseIsoInstant(value)?.toISOString()).toBe(expected);
  });

  it.each([
    '2026-02-30T00:00Z',
    '2027-02-29T00:00Z',
    '2026-13-01T00:00Z',
    '2026-01-15T24:00Z',
    '2026-01-15T09:60Z',
    '2026-01-15T09:00:60Z',
    '2026-01-15T09:00+24:00',
    '2026-01-15T09:00+02:60',
    '2026-01-15',
    '2026-01-15T09',
    '2026-01-15 09:00Z',
    '15/01/2026',
    'tomorrow',
    '',
  ])('refuses %j', (value) => {
    expect(parseIsoInstant(value)).toBeUndefined();
  });

  it('reads an instant without an offset as UTC, whatever the time zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Auckland';
    try {
      expect(parseIsoInstant('2026-07-01T12:00')?.toISOString()).toBe('2026-07-01T12:00:00.000Z');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('parseIsoDateOrInstant', () => {
  it('reads a date as the start of that day, UTC, and an instant as parseIsoInstant does', () => {
    expect(parseIsoDateOrInstant('2027-01-31')?.toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(parseIsoDateOrInstant('2027-01-31T10:00+01:00')?.toISOString()).toBe(
      '2027-01-31T09:00:00.000Z',
    );
  });

  it.each(['2027-02-29', '2027-W01-1', '2027-001', '2027-06', '2027', '20270101T100000Z'])(
    'refuses %j',
    (value) => {
      expect(parseIsoDateOrInstant(value)).toBeUndefined();
    },
  );
});

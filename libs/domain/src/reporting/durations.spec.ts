import fc from 'fast-check';
import { Duration } from 'luxon';
import { addDuration, addWithLuxon, durationAsMillis, parseIsoDuration } from './durations';

describe('calendar arithmetic', () => {
  it('adds durations exactly as luxon does, month ends and leap days included', () => {
    const instant = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2060-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
    const endsOfMonths = fc.constantFrom(
      '2024-01-31T10:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '2025-03-31T00:00:00.000Z',
      '2025-12-31T12:30:00.000Z',
    );
    const duration = fc
      .record({
        years: fc.integer({ min: -3, max: 3 }),
        quarters: fc.integer({ min: -2, max: 2 }),
        months: fc.integer({ min: -14, max: 14 }),
        weeks: fc.integer({ min: -3, max: 3 }),
        days: fc.integer({ min: -40, max: 40 }),
        hours: fc.integer({ min: -30, max: 30 }),
        minutes: fc.integer({ min: -90, max: 90 }),
        seconds: fc.integer({ min: -90, max: 90 }),
        milliseconds: fc.integer({ min: -1500, max: 1500 }),
      })
      .map((parts) => Duration.fromObject(parts));
    fc.assert(
      fc.property(
        fc.oneof(
          instant,
          endsOfMonths,
          // Fewer digits of a second, or none: the fast path reads the fraction off the text.
          instant.map((at) => at.replace(/\.\d{3}Z$/, 'Z')),
          instant.map((at) => at.replace(/(\.\d)\d\dZ$/, '$1Z')),
        ),
        duration,
        fc.integer({ min: -3, max: 12 }),
        (at, d, times) => {
          expect(addDuration(at, d, times)).toBe(addWithLuxon(at, d, times));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads configured durations, signed ones too', () => {
    for (const text of ['P1Y', 'P6M', '-P14D', 'PT20S', 'P1M2DT3H'])
      expect(addDuration('2025-01-31T00:00:00.000Z', parseIsoDuration(text)!, 2)).toBe(
        addWithLuxon('2025-01-31T00:00:00.000Z', parseIsoDuration(text)!, 2),
      );
    // An instant with an offset is left to luxon.
    expect(addDuration('2025-01-31T00:00:00+02:00', parseIsoDuration('P1M')!)).toBe(
      '2025-02-28T22:00:00.000Z',
    );
  });

  it("gives a duration's length in milliseconds as luxon does, asked once or again", () => {
    for (const text of ['P1Y', 'P6M', '-P14D', 'PT20S', 'P1M2DT3H', '-P1M']) {
      const duration = parseIsoDuration(text)!;
      expect(durationAsMillis(duration)).toBe(duration.as('milliseconds'));
      expect(durationAsMillis(duration)).toBe(duration.as('milliseconds'));
    }
  });
});

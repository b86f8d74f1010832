import fc from 'fast-check';
import frenchTitles from './commitments.fr.json';
import { i18n, LOCALES } from './locale';
import { fr } from './messages.fr';

const TAGS = { en: 'en-GB', fr: 'fr-FR' } as const;

/** The pages' formats against Intl's own, which they shortcut for days seen before and small integers. */
describe.each(LOCALES)('%s formats', (locale) => {
  const { date, dateTime, languageName, month, number, t } = i18n(locale);
  const intlDate = new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'long', timeZone: 'UTC' });
  const intlInstant = new Intl.DateTimeFormat(TAGS[locale], {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'UTC',
  });
  const intlNumber = new Intl.NumberFormat(TAGS[locale]);

  it('writes each instant, and its UTC day, as Intl does, however often that day comes back', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2024-01-01T00:00:00.000Z'),
          max: new Date('2030-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (when) => {
          const iso = when.toISOString();
          expect(date(iso)).toBe(intlDate.format(when));
          expect(dateTime(iso)).toBe(`${intlInstant.format(when)} UTC`);
          // Just before and after midnight of the same UTC day.
          const day = iso.slice(0, 10);
          expect(date(`${day}T00:00:00.000Z`)).toBe(intlDate.format(when));
          expect(date(`${day}T23:59:59.999Z`)).toBe(intlDate.format(when));
        },
      ),
      { numRuns: 300 },
    );
    // Written some other way, an instant is formatted from what it says.
    expect(date('2026-03-01T00:30:00+02:00')).toBe(intlDate.format(new Date('2026-02-28T22:30Z')));
    expect(date('2026-03-01')).toBe(intlDate.format(new Date('2026-03-01T00:00Z')));
    expect(dateTime('2026-03-01T00:30:00+02:00')).toBe(
      `${intlInstant.format(new Date('2026-02-28T22:30Z'))} UTC`,
    );
    expect(date('not a date')).toBe('not a date');
    expect(date('2026-13-01T00:00:00.000Z')).toBe('2026-13-01T00:00:00.000Z');
    expect(dateTime('2026-13-01T00:00:00.000Z')).toBe('2026-13-01T00:00:00.000Z UTC');
    expect(date(undefined)).toBe('—');
    expect(dateTime(null)).toBe('—');
  });

  it('names each month as Intl does, and leaves what is not a month as written', () => {
    const intlMonth = new Intl.DateTimeFormat(TAGS[locale], {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    for (let m = 1; m <= 12; m++) {
      const period = `2026-${String(m).padStart(2, '0')}`;
      expect(month(period)).toBe(intlMonth.format(new Date(`${period}-15T12:00Z`)));
    }
    expect(month('2027-01')).toMatch(/2027$/);
    for (const odd of ['2026', '2026-13', '2026-00', '2026-3', 'soon'])
      expect(month(odd)).toBe(odd);
  });

  it('names each language as Intl does, and leaves any other code as written', () => {
    const intlLanguage = new Intl.DisplayNames(TAGS[locale], { type: 'language' });
    for (const code of ['en', 'fr', 'de', 'it', 'pl', 'ga'])
      expect(languageName(code)).toBe(intlLanguage.of(code));
    for (const odd of ['qq', 'EN', 'e', 'en-GB', '']) expect(languageName(odd)).toBe(odd);
  });

  it('writes numbers as Intl does', () => {
    for (let n = -5; n <= 2_500; n++) expect(number(n)).toBe(intlNumber.format(n));
    for (const n of [0.5, 999.5, 12_345_678, -1_000, Number.NaN])
      expect(number(n)).toBe(intlNumber.format(n));
  });

  it('fills a message’s parameters, and leaves a message without any as written', () => {
    expect(t('registry.count', { total: '7' })).toMatch(/^7 /);
    expect(t('registry.count')).toContain('{total}');
    expect(t('registry.none', { total: '7' })).toBe(t('registry.none'));
  });
});

describe('French text', () => {
  it('names months in French', () => {
    expect(i18n('fr').month('2026-03')).toBe('mars 2026');
    expect(i18n('en').month('2026-03')).toBe('March 2026');
    expect(i18n('fr').languageName('de')).toBe('allemand');
  });

  it('writes the apostrophe as French typography does (’), in messages and commitment titles', () => {
    const straight = Object.entries({ ...fr, ...frenchTitles }).filter(([, text]) =>
      text.includes("'"),
    );
    expect(straight).toEqual([]);
  });
});

import type { FastifyRequest } from 'fastify';
import { en, type MessageKey, type Messages } from './messages.en';
import { fr } from './messages.fr';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

const CATALOGUES: Record<Locale, Messages> = { en, fr };
/** The BCP 47 tag each language's dates, numbers and names are formatted for. */
const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };
export const LANG_COOKIE = 'pact_lang';

/** A language's messages and formats: what every page renders with. */
export interface I18n {
  readonly locale: Locale;
  // Properties, not methods: pages destructure them (`const { t } = i18n`).
  readonly t: (key: MessageKey, params?: Record<string, string | number>) => string;
  readonly date: (iso: string | undefined | null) => string;
  readonly dateTime: (iso: string | undefined | null) => string;
  /** A calendar month written `YYYY-MM` (an analytics period), as the language names it. */
  readonly month: (period: string) => string;
  /** A language's ISO 639-1 code (a practice's), as this language names it; the code if unknown. */
  readonly languageName: (code: string) => string;
  readonly number: (value: number) => string;
}

const BUILT = new Map<Locale, I18n>();

/** A language's messages and formats, built once per language (Intl formatters are costly to make). */
export function i18n(locale: Locale): I18n {
  let built = BUILT.get(locale);
  if (!built) {
    built = buildI18n(locale);
    BUILT.set(locale, built);
  }
  return built;
}

function buildI18n(locale: Locale): I18n {
  const messages = CATALOGUES[locale];
  const tag = INTL_TAGS[locale];
  const dates = new Intl.DateTimeFormat(tag, {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
  const instants = new Intl.DateTimeFormat(tag, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'UTC',
  });
  const months = new Intl.DateTimeFormat(tag, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const languages = new Intl.DisplayNames(tag, {
    type: 'language',
    fallback: 'code',
  });
  const numbers = new Intl.NumberFormat(tag);
  const format = (formatter: Intl.DateTimeFormat, iso: string | undefined | null) => {
    if (!iso) return '—';
    const when = new Date(iso);
    return Number.isNaN(when.getTime()) ? iso : formatter.format(when);
  };
  // A page's dates fall on few days (a registry page's signatures and due dates, an audit trail's
  // events): each day is formatted once.
  const dayOf = byDay((midnight) => dates.format(midnight));
  // Intl writes the time of day last, as HH:mm:ss: what comes before it is the day's.
  const dayBeforeTimeOf = byDay((midnight) => {
    const written = instants.format(midnight);
    return written.endsWith('00:00:00') ? written.slice(0, -'00:00:00'.length) : null;
  });
  return {
    locale,
    t: (key, params) => {
      const message = messages[key] ?? key;
      return params === undefined || !message.includes('{')
        ? message
        : message.replace(/\{(\w+)\}/g, (whole, name: string) =>
            name in params ? String(params[name]) : whole,
          );
    },
    date: (iso) => (iso ? dayOf(iso) : undefined) ?? format(dates, iso),
    dateTime: (iso) => {
      if (!iso) return '—';
      const day = dayBeforeTimeOf(iso);
      return `${day ? day + iso.slice(11, 19) : format(instants, iso)} UTC`;
    },
    month: (period) => {
      const first = /^\d{4}-(0[1-9]|1[0-2])$/.test(period)
        ? new Date(`${period}-01T00:00:00.000Z`)
        : null;
      return first ? months.format(first) : period;
    },
    languageName: (code) => (/^[a-z]{2}$/.test(code) ? (languages.of(code) ?? code) : code),
    // Below a thousand, both languages write an integer's plain digits.
    number: (value) =>
      Number.isInteger(value) && value >= 0 && value < 1000 ? String(value) : numbers.format(value),
  };
}

/** An instant as `Date.prototype.toISOString` writes it: its first ten characters are its UTC day. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DAYS_KEPT = 10_000;

/**
 * What `make` answers for an instant's UTC day, made once per day (for the last ten thousand days
 * asked); undefined for an instant not written as `toISOString` writes it, or on no real day.
 */
function byDay<T>(make: (midnight: Date) => T): (iso: string) => T | undefined {
  const kept = new Map<string, T>();
  return (iso) => {
    if (!UTC_INSTANT.test(iso)) return undefined;
    const day = iso.slice(0, 10);
    if (kept.has(day)) return kept.get(day);
    const midnight = new Date(`${day}T00:00:00.000Z`);
    if (Number.isNaN(midnight.getTime())) return undefined;
    const made = make(midnight);
    if (kept.size >= DAYS_KEPT) kept.clear();
    kept.set(day, made);
    return made;
  };
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** `?lang=` first (and remembered), then the cookie, then the browser's preference, then English. */
export function chooseLocale(
  query: unknown,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): { locale: Locale; remember: boolean } {
  const asked = (query as { lang?: unknown } | undefined)?.lang;
  if (isLocale(asked)) return { locale: asked, remember: asked !== cookie };
  if (isLocale(cookie)) return { locale: cookie, remember: false };
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.trim().slice(0, 2).toLowerCase())
    .find(isLocale);
  return { locale: preferred ?? 'en', remember: false };
}

export function requestLocale(request: FastifyRequest, cookies: Record<string, string>) {
  return chooseLocale(request.query, cookies[LANG_COOKIE], request.headers['accept-language']);
}

export { en };
export type { MessageKey };

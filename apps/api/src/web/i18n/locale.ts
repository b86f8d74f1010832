import type { FastifyRequest } from 'fastify';
import { en, type MessageKey, type Messages } from './messages.en';
import { fr } from './messages.fr';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

const CATALOGUES: Record<Locale, Messages> = { en, fr };
export const LANG_COOKIE = 'pact_lang';

/** A language's messages and formats: what every page renders with. */
export interface I18n {
  readonly locale: Locale;
  // Properties, not methods: pages destructure them (`const { t } = i18n`).
  readonly t: (key: MessageKey, params?: Record<string, string | number>) => string;
  readonly date: (iso: string | undefined | null) => string;
  readonly dateTime: (iso: string | undefined | null) => string;
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
  const dates = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
  const instants = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'UTC',
  });
  const numbers = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB');
  const format = (formatter: Intl.DateTimeFormat, iso: string | undefined | null) => {
    if (!iso) return '—';
    const when = new Date(iso);
    return Number.isNaN(when.getTime()) ? iso : formatter.format(when);
  };
  return {
    locale,
    t: (key, params = {}) =>
      (messages[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      ),
    date: (iso) => format(dates, iso),
    dateTime: (iso) => (iso ? `${format(instants, iso)} UTC` : '—'),
    number: (value) => numbers.format(value),
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

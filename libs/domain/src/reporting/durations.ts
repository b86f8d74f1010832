import { DateTime, Duration } from 'luxon';

/**
 * Parses an ISO 8601 duration, months included, optionally signed (`-P30D`).
 * Returns undefined for anything that is not one.
 */
export function parseIsoDuration(text: string): Duration | undefined {
  const negative = text.startsWith('-');
  const duration = Duration.fromISO(negative ? text.slice(1) : text);
  if (!duration.isValid) return undefined;
  return negative ? duration.negate() : duration;
}

/** `instant + times × duration`, calendar-aware (a month from 31 January is the end of February). */
export function addDuration(instant: string, duration: Duration, times = 1): string {
  return addInUtc(instant, duration, times) ?? addWithLuxon(instant, duration, times);
}

/** The same sum through luxon: the reference, and the answer for what the fast path declines. */
export function addWithLuxon(instant: string, duration: Duration, times = 1): string {
  const start = DateTime.fromISO(instant, { zone: 'utc' });
  const scaled = Duration.fromObject(
    Object.fromEntries(
      Object.entries(duration.toObject()).map(([unit, value]) => [unit, (value ?? 0) * times]),
    ),
  );
  return start.plus(scaled).toUTC().toISO()!;
}

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

const lengths = new WeakMap<Duration, number>();
/**
 * `duration.as('milliseconds')`, worked out once per duration: the configuration's few durations
 * are compared with zero for every pledge, and luxon converts each time it is asked. Its durations
 * are immutable, so what was worked out stays true.
 */
export function durationAsMillis(duration: Duration): number {
  let length = lengths.get(duration);
  if (length === undefined) {
    length = duration.as('milliseconds');
    lengths.set(duration, length);
  }
  return length;
}

/**
 * Luxon's calendar rule in plain date arithmetic (it costs a projection rebuilding 100,000 pledges
 * seconds): years and months first, the day clamped to the new month's length, then days and weeks,
 * then clock time. Declines (undefined) what it does not cover: fractions, offsets, far years.
 */
function addInUtc(instant: string, duration: Duration, times: number): string | undefined {
  if (!UTC_INSTANT.test(instant)) return undefined;
  const parts = duration.toObject();
  const unit = (name: keyof typeof parts) => (parts[name] ?? 0) * times;
  const values = [
    unit('years'),
    unit('quarters'),
    unit('months'),
    unit('weeks'),
    unit('days'),
    unit('hours'),
    unit('minutes'),
    unit('seconds'),
    unit('milliseconds'),
  ];
  if (!values.every(Number.isInteger)) return undefined;
  const [years, quarters, months, weeks, days, hours, minutes, seconds, milliseconds] = values as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const start = new Date(instant);
  const year = start.getUTCFullYear() + years;
  const month = start.getUTCMonth() + months + quarters * 3;
  if (year < 1000 || year > 9000) return undefined;
  const monthLength = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(start.getUTCDate(), monthLength) + days + weeks * 7;
  const time =
    Date.UTC(
      year,
      month,
      day,
      start.getUTCHours(),
      start.getUTCMinutes(),
      start.getUTCSeconds(),
      start.getUTCMilliseconds(),
    ) +
    ((hours * 60 + minutes) * 60 + seconds) * 1000 +
    milliseconds;
  return new Date(time).toISOString();
}

/** Milliseconds of a duration measured from an instant (months vary in length). */
export function durationMillisFrom(instant: string, duration: Duration): number {
  return Date.parse(addDuration(instant, duration)) - Date.parse(instant);
}

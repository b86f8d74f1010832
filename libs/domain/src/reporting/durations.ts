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

/**
 * `work` done once per duration: the configuration's few durations are used for every pledge, and
 * luxon works each answer out afresh. Its durations are immutable, so what was worked out stays true.
 */
function perDuration<T>(work: (duration: Duration) => T): (duration: Duration) => T {
  const known = new WeakMap<Duration, T>();
  return (duration) => {
    let answer = known.get(duration);
    if (answer === undefined) {
      answer = work(duration);
      known.set(duration, answer);
    }
    return answer;
  };
}

/** `duration.as('milliseconds')`, compared with zero for every pledge. */
export const durationAsMillis = perDuration((duration) => duration.as('milliseconds'));

const UNITS = [
  'years',
  'quarters',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
] as const;

/** The duration's amount of each of `UNITS`. */
const unitsOf = perDuration((duration): readonly number[] => {
  const parts = duration.toObject();
  return UNITS.map((name) => parts[name] ?? 0);
});

/**
 * Luxon's calendar rule in plain date arithmetic (it costs a projection rebuilding 100,000 pledges
 * seconds): years and months first, the day clamped to the new month's length, then days and weeks,
 * then clock time. Declines (undefined) what it does not cover: fractions, offsets, far years.
 */
function addInUtc(instant: string, duration: Duration, times: number): string | undefined {
  if (!UTC_INSTANT.test(instant)) return undefined;
  const values = unitsOf(duration).map((value) => value * times);
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
  // The pattern above fixes where each field of the instant is: read them off the text.
  const field = (from: number, to: number) => Number(instant.slice(from, to));
  const fraction = instant.length > 20 ? instant.slice(20, -1).padEnd(3, '0') : '0';
  // Years and months first, as whole months, then the day clamped to the new month's length.
  const monthIndex = field(0, 4) * 12 + field(5, 7) - 1 + months + quarters * 3 + years * 12;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  if (year < 1000 || year > 9000) return undefined;
  const day = Math.min(field(8, 10), monthLength(year, month)) + days + weeks * 7;
  const time =
    Date.UTC(year, month, day, field(11, 13), field(14, 16), field(17, 19), Number(fraction)) +
    ((hours * 60 + minutes) * 60 + seconds) * 1000 +
    milliseconds;
  return new Date(time).toISOString();
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (0 = January) of the Gregorian calendar. */
function monthLength(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 1 && leap ? 29 : MONTH_LENGTHS[month]!;
}

/** Milliseconds of a duration measured from an instant (months vary in length). */
export function durationMillisFrom(instant: string, duration: Duration): number {
  return Date.parse(addDuration(instant, duration)) - Date.parse(instant);
}

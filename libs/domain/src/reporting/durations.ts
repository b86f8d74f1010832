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
  const start = DateTime.fromISO(instant, { zone: 'utc' });
  const scaled = Duration.fromObject(
    Object.fromEntries(
      Object.entries(duration.toObject()).map(([unit, value]) => [unit, (value ?? 0) * times]),
    ),
  );
  return start.plus(scaled).toUTC().toISO()!;
}

/** Milliseconds of a duration measured from an instant (months vary in length). */
export function durationMillisFrom(instant: string, duration: Duration): number {
  return Date.parse(addDuration(instant, duration)) - Date.parse(instant);
}

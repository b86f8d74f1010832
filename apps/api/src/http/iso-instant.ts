import { isIsoDate } from '@pact/domain';

const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO 8601 instant, `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`, that exists on the calendar and the
 * clock (`2026-02-30T00:00Z` does not; `Date` would read it as 2 March). Without an offset it is read
 * as UTC, whatever the server's time zone. Digits past the millisecond are dropped.
 */
export function parseIsoInstant(value: string): Date | undefined {
  const match = INSTANT.exec(value);
  if (!match) return undefined;
  const [, date, hours, minutes, seconds = '00', fraction = '', offset = 'Z'] = match;
  if (!isIsoDate(date!) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59)
    return undefined;
  const offsetMinutes = minutesEastOfUtc(offset);
  if (offsetMinutes === undefined) return undefined;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const utc = Date.parse(`${date}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return new Date(utc - offsetMinutes * 60_000);
}

/** `Z` is 0; `+02:00` or `-0130` within a day's hours; anything else undefined. */
function minutesEastOfUtc(offset: string): number | undefined {
  if (offset.toUpperCase() === 'Z') return 0;
  const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
  if (Number(hours) > 23 || Number(minutes) > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

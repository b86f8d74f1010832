export const ROLES = ['provider', 'deployer'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type OrganisationSize = (typeof ORGANISATION_SIZES)[number];

/** NACE Rev. 2 sections. */
export const NACE_SECTIONS = 'ABCDEFGHIJKLMNOPQRSTU'.split('');

export const ACTION_STATUSES = ['planned', 'underway', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const TARGET_DATE_MIN = '2024-08-01';
export const TARGET_DATE_MAX = '2032-12-31';
export const MAX_ACTIONS_PER_COMMITMENT = 20;

/** An ISO calendar date (YYYY-MM-DD) that exists. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

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

/** An ISO date (the start of that day, UTC) or instant, as `parseIsoInstant` reads it. */
export function parseIsoDateOrInstant(value: string): Date | undefined {
  return isIsoDate(value) ? new Date(`${value}T00:00:00.000Z`) : parseIsoInstant(value);
}

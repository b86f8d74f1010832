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

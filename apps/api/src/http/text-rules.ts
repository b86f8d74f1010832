import { parseIsoDateOrInstant } from '@pact/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The constraint names below, as the validation pipe maps them onto field error codes. */
export const NOT_BLANK = 'notBlank';
export const EXPLAINED_WHEN = 'explainedWhen';
export const IS_DATE_OR_INSTANT = 'isDateOrInstant';
export const NO_CONTROL_CHARACTERS = 'noControlCharacters';

const blank = (value: unknown): boolean => typeof value === 'string' && value.trim().length === 0;

/**
 * Text that holds something besides white space. The empty string is left to the field's length
 * rule (it reads "is required"), so a field breaks one rule or the other, never both.
 */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: NOT_BLANK,
      validator: {
        validate: (value: unknown) => value === '' || !blank(value),
        defaultMessage: () =>
          options?.each ? '$property must not hold blank text' : '$property must not be blank',
      },
    },
    options,
  );
}

/**
 * Text that may be empty, except when another field of the body has a given value: a request for
 * clarification says what to clarify, an acceptance need not say anything.
 */
export function ExplainedWhen<T extends object>(
  field: keyof T & string,
  value: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: EXPLAINED_WHEN,
      constraints: [field, value],
      validator: {
        validate: (text: unknown, args) =>
          (args?.object as Record<string, unknown> | undefined)?.[field] !== value ||
          (typeof text === 'string' && !blank(text)),
        defaultMessage: () => `$property must not be blank when ${field} is ${value}`,
      },
    },
    options,
  );
}

// eslint-disable-next-line no-control-regex -- the C0 controls and DEL are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Text without control characters (NUL, a line break, a bell...): an address the server calls or
 * shows as a link. The URL rule lets them through in a path, and a receiver or a log would get them.
 */
export function NoControlCharacters(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: NO_CONTROL_CHARACTERS,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !CONTROL.test(value),
        defaultMessage: () =>
          options?.each
            ? 'each of $property must not hold control characters'
            : '$property must not hold control characters',
      },
    },
    options,
  );
}

/**
 * An ISO date (`2027-01-31`, the start of that day, UTC) or instant (`2027-01-31T09:00:00Z`, UTC
 * without an offset) that exists: not a week or ordinal date, nor `2027-02-30`.
 */
export function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_DATE_OR_INSTANT,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseIsoDateOrInstant(value) !== undefined,
        defaultMessage: () =>
          '$property must be an ISO date or instant, such as 2027-01-31T00:00:00Z',
      },
    },
    options,
  );
}

/** How the OpenAPI document describes these rules (class-validator-jsonschema converters). */
export const TEXT_RULE_SCHEMAS = {
  [NOT_BLANK]: { pattern: '\\S' },
  [IS_DATE_OR_INSTANT]: {
    type: 'string' as const,
    description: 'An ISO 8601 date (YYYY-MM-DD) or instant, UTC without an offset',
  },
  [NO_CONTROL_CHARACTERS]: { description: 'Holds no control character (U+0000-U+001F, U+007F)' },
  [EXPLAINED_WHEN]: (meta: { constraints?: unknown[] }) => ({
    description: `Must not be blank when ${String(meta.constraints?.[0])} is ${String(meta.constraints?.[1])}`,
  }),
};

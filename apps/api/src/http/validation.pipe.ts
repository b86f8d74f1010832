import {
  Injectable,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import type { FieldError, FieldErrorCode } from '@pact/domain';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { EmptyDto } from './empty.dto';
import { invalidInput } from './problem';
import { EXPLAINED_WHEN, IS_DATE_OR_INSTANT, NOT_BLANK } from './text-rules';

/** class-validator with unknown fields refused; body must be a JSON object; errors as field paths. */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      // The value and the object that holds it are kept for `flatten` to tell a missing field from
      // a wrong one and to find a broken length rule's limit; neither is ever sent.
      validationError: { target: true, value: true },
      exceptionFactory: (errors) => invalidInput('The request body is invalid', flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body') return value;
    const body = value === undefined ? {} : value;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidInput('The request body must be a JSON object');
    }
    const malformed = malformedText(body);
    if (malformed.length > 0) throw invalidInput('The request body is invalid', malformed);
    if (metadata.metatype === EmptyDto) {
      const fields = Object.keys(body);
      if (fields.length > 0) {
        throw invalidInput(
          'This request takes an empty body',
          fields.map((field) => ({
            field,
            message: `property ${field} should not exist`,
            code: 'unknown-field' as const,
          })),
        );
      }
      return body;
    }
    return super.transform(withoutNullOptionals(body, metadata.metatype), metadata);
  }
}

/** A UTF-16 surrogate not in a pair: JSON may escape one (`"\ud800"`), but it is no character. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The fields whose text (or name) holds a lone surrogate or a NUL. Text with a lone surrogate
 * cannot be written as UTF-8 (a store or a webhook receiver would get U+FFFD instead) and breaks
 * rules that encode it (class-validator's e-mail rule throws). A NUL is no character of prose
 * either: HTML shows it as U+FFFD and C strings end at it. Both are refused as not being text, in
 * every field, as the query parameters refuse a NUL.
 */
function malformedText(value: unknown, field = ''): FieldError[] {
  if (typeof value === 'string')
    return LONE_SURROGATE.test(value)
      ? [{ field, message: `${field} must be well-formed text`, code: 'text' }]
      : value.includes('\u0000')
        ? [{ field, message: `${field} must not contain a NUL character`, code: 'text' }]
        : [];
  if (Array.isArray(value))
    return value.flatMap((item, i) => malformedText(item, `${field}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const path = field ? `${field}.${key}` : key;
    return LONE_SURROGATE.test(key) || key.includes('\u0000')
      ? [{ field: path, message: 'a field name must be well-formed text', code: 'text' as const }]
      : malformedText(item, path);
  });
}

/**
 * Marks a body of changes (a PATCH): there, null asks for a field to be removed. The fields named
 * may be (null is kept for the command); for any other it is refused rather than read as "left out".
 */
const NULL_REFUSED = new WeakMap<object, readonly string[]>();
export const NullRefused =
  (removable: readonly string[] = []): ClassDecorator =>
  (target) => {
    NULL_REFUSED.set(target, removable);
  };

/**
 * class-validator's `IsOptional` lets null through unchecked, so `{"name": null}` in a PATCH would
 * reach the rules (a 500) or store a title of null. An optional field sent as null is taken as
 * left out, as JSON writers often send it; in a body of changes it is refused.
 */
function withoutNullOptionals(
  body: object,
  metatype: ArgumentMetadata['metatype'],
): Record<string, unknown> {
  const fields = body as Record<string, unknown>;
  if (!metatype) return fields;
  const optional = optionalFieldsOf(metatype);
  const removable = NULL_REFUSED.get(metatype);
  const nulls = Object.keys(fields).filter(
    (f) => fields[f] === null && optional.has(f) && !removable?.includes(f),
  );
  if (nulls.length === 0) return fields;
  if (removable) {
    throw invalidInput(
      'The request body is invalid',
      nulls.map((field) => ({ field, message: `${field} cannot be removed`, code: 'invalid' })),
    );
  }
  return Object.fromEntries(Object.entries(fields).filter(([f]) => !nulls.includes(f)));
}

/** A body class's optional fields, read from its rules once (the pipe asks on every request). */
const OPTIONAL_FIELDS = new WeakMap<object, ReadonlySet<string>>();
function optionalFieldsOf(
  metatype: NonNullable<ArgumentMetadata['metatype']>,
): ReadonlySet<string> {
  let fields = OPTIONAL_FIELDS.get(metatype);
  if (!fields) {
    fields = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(metatype, '', true, false)
        .filter((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION)
        .map((rule) => rule.propertyName),
    );
    OPTIONAL_FIELDS.set(metatype, fields);
  }
  return fields;
}

/** class-validator's constraints by the field error codes the pages translate. */
const CONSTRAINT_CODES: Partial<Record<string, FieldErrorCode>> = {
  isDefined: 'required',
  isNotEmpty: 'required',
  arrayNotEmpty: 'list-size',
  isString: 'text',
  isLength: 'length',
  maxLength: 'length',
  minLength: 'length',
  isIn: 'choice',
  isEnum: 'choice',
  isArray: 'list',
  arrayMinSize: 'list-size',
  arrayMaxSize: 'list-size',
  arrayUnique: 'list-unique',
  matches: 'format',
  isUuid: 'format',
  isUrl: 'url',
  isEmail: 'email',
  isISO31661Alpha2: 'country',
  isBoolean: 'boolean',
  isDateString: 'date',
  isIso8601: 'date',
  [IS_DATE_OR_INSTANT]: 'date',
  whitelistValidation: 'unknown-field',
  [NOT_BLANK]: 'blank',
  [EXPLAINED_WHEN]: 'blank',
};

/**
 * Constraints on a value's type: when one is broken, the field's other rules are not said, and
 * only the first of these it breaks is (a list's own before its entries' nesting).
 */
const TYPE_RULES = [
  'isString',
  'isArray',
  'isBoolean',
  'isInt',
  'isNumber',
  'isObject',
  'nestedValidation',
];

/** Constraints that an empty value ('' or []) breaks because it is empty: "is required". */
const REQUIRED_WHEN_EMPTY = new Set([
  'isString',
  'isLength',
  'minLength',
  'isIn',
  'matches',
  'isArray',
  'arrayNotEmpty',
  'arrayMinSize',
  EXPLAINED_WHEN,
]);

/**
 * A field's code: "required" when it is missing (an optional field is not checked then, so any
 * rule it breaks says it is needed) or empty against a rule above, else its constraint's.
 */
function fieldCode(constraint: string, value: unknown): FieldErrorCode {
  if (constraint === 'whitelistValidation') return 'unknown-field';
  const missing = value === undefined || value === null;
  const empty = value === '' || (Array.isArray(value) && value.length === 0);
  if (missing || (empty && REQUIRED_WHEN_EMPTY.has(constraint))) return 'required';
  return CONSTRAINT_CODES[constraint] ?? 'invalid';
}

/** The length and size rules, by the places of their least and most allowed among their arguments. */
const BOUNDS: Partial<Record<string, { min?: number; max?: number; of: 'text' | 'list' }>> = {
  isLength: { min: 0, max: 1, of: 'text' },
  minLength: { min: 0, of: 'text' },
  maxLength: { max: 0, of: 'text' },
  arrayMinSize: { min: 0, of: 'list' },
  arrayMaxSize: { max: 0, of: 'list' },
};

/**
 * A broken length or size rule as the limit it breaks ("at most 200 characters"), read from the
 * rule's declaration on the class that holds the field; undefined when it cannot tell.
 */
function brokenBound(
  error: ValidationError,
  constraint: string,
): { code: FieldErrorCode; limit: number } | undefined {
  const bound = BOUNDS[constraint];
  const holder = error.target;
  if (!bound || !holder) return undefined;
  const rule = getMetadataStorage()
    .getTargetValidationMetadatas(holder.constructor, '', true, false)
    .find((metadata) => metadata.propertyName === error.property && metadata.name === constraint);
  if (!rule) return undefined;
  const value: unknown = error.value;
  // A text rule kept by each entry of a list (`each: true`) is broken by any one of them.
  const items: unknown[] =
    bound.of === 'text' && rule.each && Array.isArray(value) ? value : [value];
  const measurable = (item: unknown): item is { length: number } =>
    bound.of === 'list' ? Array.isArray(item) : typeof item === 'string';
  const sizes = items.filter(measurable).map((item) => item.length);
  const arg = (place: number | undefined) =>
    place === undefined ? undefined : Number((rule.constraints as unknown[])[place]);
  const [min, max] = [arg(bound.min), arg(bound.max)];
  if (max !== undefined && sizes.some((size) => size > max))
    return { code: bound.of === 'list' ? 'too-many' : 'too-long', limit: max };
  if (min !== undefined && sizes.some((size) => size < min))
    return { code: bound.of === 'list' ? 'too-few' : 'too-short', limit: min };
  return undefined;
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const constraints = error.constraints ?? {};
    // A field left out breaks every rule it has; "must be shorter than 10000 characters" would
    // mislead, so it is said once: required. An unknown field is named as such, whatever its value.
    const missing = error.value === undefined || error.value === null;
    if (missing && Object.keys(constraints).length > 0 && !constraints['whitelistValidation']) {
      const required = {
        field,
        // An entry of a list is named by its place: "actions[0] is required", not "0 is required".
        message: `${/^\d+$/.test(error.property) ? field : error.property} is required`,
        code: 'required' as const,
      };
      return [required, ...flatten(error.children ?? [], field)];
    }
    // A value of the wrong type (a string for a list) breaks its other rules only by being so:
    // "roles must be an array" alone, not also "All roles's elements must be unique".
    const typeRule = TYPE_RULES.find((constraint) => constraints[constraint] !== undefined);
    const broken = typeRule
      ? [[typeRule, constraints[typeRule]!] as const]
      : Object.entries(constraints);
    const own = broken.map(([constraint, message]) => {
      const code = fieldCode(constraint, error.value);
      const bound =
        code === 'length' || code === 'list-size' ? brokenBound(error, constraint) : undefined;
      return { field, message, ...(bound ?? { code }) };
    });
    // Entries of the wrong type are said once, on the list, before what is inside them.
    return typeRule ? own : [...own, ...flatten(error.children ?? [], field)];
  });
}

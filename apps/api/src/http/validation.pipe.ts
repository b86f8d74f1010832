import {
  Injectable,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import type { FieldError, FieldErrorCode } from '@pact/domain';
import { EmptyDto } from './empty.dto';
import { invalidInput } from './problem';

/** class-validator with unknown fields refused; body must be a JSON object; errors as field paths. */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      // The value is kept for `flatten` to tell a missing field from a wrong one; it is never sent.
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => invalidInput('The request body is invalid', flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body') return value;
    const body = value === undefined ? {} : value;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidInput('The request body must be a JSON object');
    }
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
    return super.transform(body, metadata);
  }
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
  whitelistValidation: 'unknown-field',
};

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

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message,
      code: fieldCode(constraint, error.value),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

import {
  isIsoDate,
  parseIsoDateOrInstant,
  type FieldError,
  type FieldErrorCode,
} from '@pact/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { invalidInput } from './problem';

/** Reads a query string strictly: unknown parameters, repeated ones and bad values are a 400. */
export class QueryParams {
  private readonly errors: FieldError[] = [];

  constructor(
    private readonly raw: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const [name, value] of Object.entries(raw)) {
      if (!allowed.includes(name))
        this.errors.push({
          field: name,
          message: 'is not a parameter of this endpoint',
          code: 'unknown-field',
        });
      else if (typeof value !== 'string')
        this.errors.push({ field: name, message: 'must be given once', code: 'repeated' });
    }
  }

  /** The named parameters only, the others let be: for routes that have always taken any others. */
  static among(raw: Record<string, unknown>, names: readonly string[]): QueryParams {
    return new QueryParams(
      Object.fromEntries(names.filter((name) => name in raw).map((name) => [name, raw[name]])),
      names,
    );
  }

  text(name: string, maxLength = 200): string | undefined {
    const value = this.raw[name];
    if (typeof value !== 'string' || value === '') return undefined;
    if (value.length > maxLength)
      return this.fail(name, `must be at most ${maxLength} characters`, 'too-long', maxLength);
    // No engine stores or matches a NUL; MongoDB refuses one in a regular expression.
    if (value.includes('\u0000'))
      return this.fail(name, 'must not contain a NUL character', 'text');
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T))
      return this.fail(name, `must be one of ${allowed.join(', ')}`, 'choice');
    return value as T;
  }

  matching(name: string, pattern: RegExp, description: string): string | undefined {
    const value = this.text(name);
    if (value === undefined || pattern.test(value)) return value;
    return this.fail(name, `must be ${description}`, 'format');
  }

  /** A value the check accepts: a registered country, a code of the catalogue. */
  satisfying(
    name: string,
    check: (value: string) => boolean,
    description: string,
    code: FieldErrorCode = 'format',
  ): string | undefined {
    const value = this.text(name);
    if (value === undefined || check(value)) return value;
    return this.fail(name, `must be ${description}`, code);
  }

  /**
   * An ID the system issued (a UUID), in any case: IDs are issued in lower case, so an ID copied
   * in upper case finds what it names rather than nothing.
   */
  uuid(name: string, description: string): string | undefined {
    return this.satisfying(name, (id) => isUUID(id), description)?.toLowerCase();
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const value = this.text(name, 20);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || parsed < min || parsed > max)
      return this.fail(name, `must be an integer from ${min} to ${max}`, 'range') ?? fallback;
    return parsed;
  }

  /**
   * An ISO date (YYYY-MM-DD) or instant that exists (`parseIsoInstant`), as an ISO instant; a date
   * means the start of that day (UTC). As an inclusive upper bound (`until`), the exclusive instant
   * just past it: the next day's start for a date, one millisecond later for an instant.
   */
  instant(name: string, bound: 'from' | 'until' = 'from'): string | undefined {
    const value = this.text(name, 40);
    if (value === undefined) return undefined;
    const dateOnly = isIsoDate(value);
    const parsed = parseIsoDateOrInstant(value);
    if (!parsed) return this.fail(name, 'must be an ISO date or instant', 'date');
    if (bound === 'until') parsed.setTime(parsed.getTime() + (dateOnly ? 86_400_000 : 1));
    return parsed.toISOString();
  }

  /** Throws the collected problems, if any. */
  done(): void {
    if (this.errors.length > 0) throw invalidInput('Invalid query parameters', this.errors);
  }

  fail(
    field: string,
    message: string,
    code: FieldErrorCode = 'invalid',
    limit?: number,
  ): undefined {
    this.errors.push({ field, message, code, ...(limit === undefined ? {} : { limit }) });
    return undefined;
  }
}

/** The given filters only: an absent parameter filters nothing. */
export function withoutUndefined<T extends object>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/**
 * The query parameters a route accepts, for the OpenAPI document; pass the same list to
 * `QueryParams`, which refuses any other.
 */
export const AcceptsQuery = (names: readonly string[]) =>
  applyDecorators(...names.map((name) => ApiQuery({ name, required: false, type: String })));

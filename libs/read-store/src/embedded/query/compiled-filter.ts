import { Query } from 'mingo';
import { compareValues } from './value-order';

export type Predicate = (document: Record<string, unknown>) => boolean;

/** A filter this compiler does not take on: the whole filter then goes to mingo. */
class Unsupported extends Error {}

/**
 * Compiles a MongoDB filter into a plain function, for the operators the read models' queries use
 * ($eq, $ne, $in, $nin, $gt, $gte, $lt, $lte, $exists, $regex, $and, $or, $nor) on top-level fields,
 * with MongoDB's array and null semantics. Anything else is left to mingo, which is exact but costs
 * about a microsecond a document: too slow to scan a hundred thousand of them per request.
 */
export function compileFilter(filter: Readonly<Record<string, unknown>>): Predicate {
  try {
    return compileDocument(filter);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    const query = new Query(filter);
    return (document) => query.test(document);
  }
}

function compileDocument(filter: Readonly<Record<string, unknown>>): Predicate {
  const parts: Predicate[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(condition) || condition.length === 0) throw new Unsupported();
      const each = condition.map((c) => {
        if (!isPlainObject(c)) throw new Unsupported();
        return compileDocument(c);
      });
      if (key === '$and') parts.push((d) => each.every((p) => p(d)));
      else if (key === '$or') parts.push((d) => each.some((p) => p(d)));
      else parts.push((d) => !each.some((p) => p(d)));
    } else if (key.startsWith('$') || key.includes('.')) {
      throw new Unsupported();
    } else {
      const test = compileCondition(condition);
      parts.push((d) => test(d[key]));
    }
  }
  if (parts.length === 1) return parts[0]!;
  return (d) => {
    for (const part of parts) if (!part(d)) return false;
    return true;
  };
}

type ValueTest = (value: unknown) => boolean;

function compileCondition(condition: unknown): ValueTest {
  if (!isPlainObject(condition) || !Object.keys(condition).some((k) => k.startsWith('$')))
    return equals(condition);
  const tests: ValueTest[] = [];
  const options = condition['$options'];
  if (options !== undefined && typeof options !== 'string') throw new Unsupported();
  for (const [operator, operand] of Object.entries(condition)) {
    switch (operator) {
      case '$eq':
        tests.push(equals(operand));
        break;
      case '$ne': {
        const eq = equals(operand);
        tests.push((v) => !eq(v));
        break;
      }
      case '$in':
      case '$nin': {
        if (!Array.isArray(operand)) throw new Unsupported();
        const any = operand.map(equals);
        tests.push(
          operator === '$in' ? (v) => any.some((t) => t(v)) : (v) => !any.some((t) => t(v)),
        );
        break;
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        tests.push(range(operator, operand));
        break;
      case '$exists':
        if (typeof operand !== 'boolean') throw new Unsupported();
        tests.push(operand ? (v) => v !== undefined : (v) => v === undefined);
        break;
      case '$regex': {
        if (typeof operand !== 'string') throw new Unsupported();
        const pattern = new RegExp(operand, options ?? '');
        tests.push(anyElement((v) => typeof v === 'string' && pattern.test(v)));
        break;
      }
      case '$options':
        if (condition['$regex'] === undefined) throw new Unsupported();
        break;
      default:
        throw new Unsupported();
    }
  }
  if (tests.length === 1) return tests[0]!;
  return (v) => tests.every((t) => t(v));
}

/** `{field: x}`: the value is x, or an array holding x; `null` also matches a missing field. */
function equals(target: unknown): ValueTest {
  if (target === null)
    return (v) => v === null || v === undefined || (Array.isArray(v) && v.includes(null));
  if (typeof target === 'string' || typeof target === 'number' || typeof target === 'boolean')
    return (v) => v === target || (Array.isArray(v) && v.includes(target));
  throw new Unsupported();
}

/** Comparisons bracket by type, as in MongoDB: a string bound never matches a number. */
function range(operator: '$gt' | '$gte' | '$lt' | '$lte', bound: unknown): ValueTest {
  if (typeof bound !== 'string' && typeof bound !== 'number') throw new Unsupported();
  const type = typeof bound;
  const holds = (order: number) =>
    operator === '$gt'
      ? order > 0
      : operator === '$gte'
        ? order >= 0
        : operator === '$lt'
          ? order < 0
          : order <= 0;
  return anyElement((v) => typeof v === type && holds(compareValues(v, bound)));
}

function anyElement(test: ValueTest): ValueTest {
  return (v) => (Array.isArray(v) ? v.some(test) : test(v));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof RegExp) &&
    !(value instanceof Date)
  );
}

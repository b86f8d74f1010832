import { totalOrder, type FindQuery, type ReadDocument } from '../../read-store.port';
import { compileFilter } from './compiled-filter';
import type { IndexKey, MemoryIndex } from './memory-index';
import { ABOVE_NUMBERS, ABOVE_STRINGS, compareValues, HIGHEST } from './value-order';

type Filter = Readonly<Record<string, unknown>>;
type Scalar = string | number | boolean;

/** How a find or count walks a collection: which index, over which key ranges, in which direction. */
export interface Plan {
  readonly index?: MemoryIndex;
  /** One range per combination of the equality values the index's leading fields are fixed to. */
  readonly prefixes: readonly IndexKey[];
  /** Whether walking the index gives the requested order (else the matches are sorted afterwards). */
  readonly ordered: boolean;
  readonly reverse: boolean;
  /** The filter's conditions the ranges do not meet by themselves: each document is tested on them. */
  readonly residual: Filter;
  /** Every condition of the filter is met by the ranges themselves: no document needs testing. */
  readonly covered: boolean;
  /** A document may sit in the ranges more than once (under several array elements). */
  readonly duplicates: boolean;
  /** Bounds on the index field after the fixed ones, narrowing each range (unordered plans only). */
  readonly bounds?: Bounds;
}

interface Bound {
  readonly value: string | number;
  readonly inclusive: boolean;
}

/** What comparisons (`$gt`, `$gte`, `$lt`, `$lte`) allow of one field: values of one type. */
export interface Bounds {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

/**
 * The bounds a filter's comparisons put on each field, at its top level or in a top-level `$and`.
 * A field compared with values of two types (which would match nothing) is left to the test.
 */
export function rangeBounds(filter: Filter): Map<string, Bounds> {
  const found = new Map<string, Bounds>();
  const mixed = new Set<string>();
  const visit = (part: Filter) => {
    for (const [field, condition] of Object.entries(part)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const inner of condition) if (isObject(inner)) visit(inner);
        continue;
      }
      if (field.startsWith('$') || field.includes('.') || !isObject(condition)) continue;
      for (const [operator, operand] of Object.entries(condition)) {
        if (!RANGE_OPERATORS.has(operator)) continue;
        if (typeof operand !== 'string' && typeof operand !== 'number') {
          mixed.add(field);
          continue;
        }
        const bounds = found.get(field) ?? {};
        const type = typeof (bounds.lower ?? bounds.upper)?.value;
        if (type !== 'undefined' && type !== typeof operand) mixed.add(field);
        const bound = { value: operand, inclusive: operator.endsWith('e') };
        if (operator.startsWith('$g'))
          found.set(field, { ...bounds, lower: tighter(bounds.lower, bound, 1) });
        else found.set(field, { ...bounds, upper: tighter(bounds.upper, bound, -1) });
      }
    }
  };
  visit(filter);
  for (const field of mixed) found.delete(field);
  return found;
}

function tighter(current: Bound | undefined, next: Bound, direction: 1 | -1): Bound {
  if (!current) return next;
  const order = compareValues(next.value, current.value) * direction;
  if (order !== 0) return order > 0 ? next : current;
  return current.inclusive ? next : current;
}

/**
 * The fields a filter fixes to one value or a few (`{f: v}`, `{f: {$eq: v}}`, `{f: {$in: [...]}}`),
 * at its top level or in a top-level `$and`. Null is left out: it also matches a missing field.
 */
export function equalityValues(filter: Filter): Map<string, Scalar[]> {
  const found = new Map<string, Scalar[]>();
  const visit = (part: Filter) => {
    for (const [field, condition] of Object.entries(part)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const inner of condition) if (isObject(inner)) visit(inner);
        continue;
      }
      if (field.startsWith('$') || field.includes('.') || found.has(field)) continue;
      const values = scalarsOf(condition);
      if (values) found.set(field, values);
    }
  };
  visit(filter);
  return found;
}

function scalarsOf(condition: unknown): Scalar[] | undefined {
  if (isScalar(condition)) return [condition];
  if (!isObject(condition)) return undefined;
  const keys = Object.keys(condition);
  if (keys.length !== 1) return undefined;
  const operand = condition[keys[0]!];
  if (keys[0] === '$eq' && isScalar(operand)) return [operand];
  if (keys[0] === '$in' && Array.isArray(operand) && operand.every(isScalar))
    return [...new Set(operand)];
  return undefined;
}

/**
 * Chooses the index to walk, as MongoDB would for the same declarations: one whose leading fields
 * the filter fixes and whose next fields give the sort order (so a page stops after `limit`
 * matches), else the one fixing the most leading fields, else a scan of every document.
 */
export function plan(
  indexes: readonly MemoryIndex[],
  filter: Filter,
  sort: readonly [string, 1 | -1][] | undefined,
): Plan {
  const fixed = equalityValues(filter);
  const ranged = sort ? new Map<string, Bounds>() : rangeBounds(filter);
  let best: { plan: Plan; score: number }[] = [];
  for (const index of indexes) {
    let leading = 0;
    while (leading < index.fields.length && fixed.has(index.fields[leading]!)) leading++;
    const rest = index.fields.slice(leading);
    const order = sort ? servesSort(index, leading, sort) : undefined;
    const ordered = !sort || order !== undefined;
    const next = index.fields[leading];
    const bounds =
      next !== undefined && index.directions[leading] === 1 && !index.multikeyFields.has(next)
        ? ranged.get(next)
        : undefined;
    if (leading === 0 && !bounds && !(sort && ordered)) continue;
    const score = (ordered ? 1000 : 0) + leading + (bounds ? 0.5 : 0);
    if (best.length > 0 && best[0]!.score > score) continue;
    const fixedFields = index.fields.slice(0, leading);
    const prefixes = combinations(fixedFields.map((f) => fixed.get(f)!));
    const candidate = {
      score,
      plan: {
        index,
        prefixes,
        ordered,
        reverse: order === 'reverse',
        residual: Object.fromEntries(
          Object.entries(filter).filter(([field]) => !fixedFields.includes(field)),
        ),
        covered: rest.length > 0 && Object.keys(filter).every((f) => fixedFields.includes(f)),
        // A document holds one value of a plain field, so only an array field fixed to several
        // values (or walked through) can meet it twice.
        duplicates:
          rest.some((f) => index.multikeyFields.has(f)) ||
          fixedFields.some((f) => index.multikeyFields.has(f) && fixed.get(f)!.length > 1),
        bounds,
      },
    };
    best = best.length > 0 && best[0]!.score === score ? [...best, candidate] : [candidate];
  }
  // Plans that score alike: the one with the fewest entries to read (counted per leaf, which
  // costs little; MongoDB settles the same question with trial runs).
  if (best.length > 1) {
    const sized = best.map((b) => ({ plan: b.plan, size: estimate(b.plan) }));
    return sized.reduce((a, b) => (b.size < a.size ? b : a)).plan;
  }
  return (
    best[0]?.plan ?? {
      prefixes: [],
      ordered: false,
      reverse: false,
      residual: filter,
      covered: false,
      duplicates: false,
    }
  );
}

/** Whether the index's fields after the fixed ones are the sort, in its order or all reversed. */
function servesSort(
  index: MemoryIndex,
  leading: number,
  sort: readonly [string, 1 | -1][],
): 'forward' | 'reverse' | undefined {
  const wanted = sort.filter(([field]) => !index.fields.slice(0, leading).includes(field));
  if (wanted.length === 0) return 'forward';
  let direction: 'forward' | 'reverse' | undefined;
  for (let i = 0; i < wanted.length; i++) {
    const at = leading + i;
    const [field, order] = wanted[i]!;
    if (index.fields[at] !== field || index.multikeyFields.has(field)) return undefined;
    const here = index.directions[at] === order ? 'forward' : 'reverse';
    if (direction && direction !== here) return undefined;
    direction = here;
  }
  return direction;
}

function combinations(values: readonly Scalar[][]): IndexKey[] {
  let keys: Scalar[][] = [[]];
  for (const options of values) keys = keys.flatMap((key) => options.map((v) => [...key, v]));
  return keys;
}

export interface Collection {
  readonly documents: ReadonlyMap<string, ReadDocument>;
  readonly indexes: readonly MemoryIndex[];
}

/** How many index entries an ordered walk reads before it turns to a scan of every candidate. */
export const WALK_BUDGET = 1000;

/**
 * A page of documents (filtered, in sort order then `_id`, after the keyset, skipped, limited) and
 * the number of all matches. The page walks the index that gives the order and stops at `limit`;
 * when matches are rare along that walk (more than `walkBudget` plus four entries a wanted item
 * read), it stops walking and tests each candidate of the best equality ranges once instead,
 * keeping the best and counting them all in the same pass.
 */
export function findPage(
  collection: Collection,
  query: FindQuery,
  walkBudget = WALK_BUDGET,
): { documents: ReadDocument[]; total: number } {
  const sort = totalOrder(query.sort);
  const after = query.after ? [...query.after] : undefined;
  const skip = query.skip ?? 0;
  const wanted = query.limit + skip;
  const ordered = plan(collection.indexes, query.filter, sort);
  if (ordered.index && ordered.ordered) {
    const test = ordered.covered ? undefined : compileFilter(ordered.residual);
    const found: ReadDocument[] = [];
    const budget = walkBudget + 4 * wanted;
    let walked = 0;
    for (const document of walkInOrder(
      ordered,
      sort.map(([field]) => field),
      after,
    )) {
      if (++walked > budget) break;
      if (test && !test(document)) continue;
      found.push(document);
      if (found.length >= wanted) break;
    }
    if (walked <= budget)
      return { documents: found.slice(skip), total: count(collection, query.filter) };
  }
  return scan(collection, query.filter, sort, after, skip, wanted);
}

/** Tests every candidate once: counts the matches and keeps the best `wanted` after the keyset. */
function scan(
  collection: Collection,
  filter: Filter,
  sort: readonly [string, 1 | -1][],
  after: readonly unknown[] | undefined,
  skip: number,
  wanted: number,
): { documents: ReadDocument[]; total: number } {
  const chosen = scanPlan(collection, filter);
  const test = chosen.covered ? undefined : compileFilter(chosen.residual);
  const keyOf = (d: ReadDocument) => sort.map(([field]) => d[field]);
  const compare = (a: readonly unknown[], b: readonly unknown[]) => {
    for (let i = 0; i < sort.length; i++) {
      const order = compareValues(a[i], b[i]) * sort[i]![1];
      if (order !== 0) return order;
    }
    return 0;
  };
  const best: { document: ReadDocument; key: unknown[] }[] = [];
  let total = 0;
  forEachCandidate(collection, chosen, (document) => {
    if (test && !test(document)) return;
    total++;
    const key = keyOf(document);
    if (after && compare(key, after) <= 0) return;
    if (best.length >= wanted && compare(key, best[best.length - 1]!.key) >= 0) return;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(best[middle]!.key, key) < 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, { document, key });
    if (best.length > wanted) best.pop();
  });
  return { documents: best.slice(skip).map(({ document }) => document), total };
}

/** How many documents match: a covered filter counts index entries without reading documents. */
export function count(collection: Collection, filter: Filter): number {
  const chosen = plan(collection.indexes, filter, undefined);
  if (!chosen.index && Object.keys(filter).length === 0) return collection.documents.size;
  if (chosen.index && chosen.covered && !chosen.duplicates)
    return chosen.prefixes.reduce((n, prefix) => n + chosen.index!.countWithPrefix(prefix), 0);
  const scanned = scanPlan(collection, filter, chosen);
  const test = scanned.covered ? undefined : compileFilter(scanned.residual);
  let n = 0;
  forEachCandidate(collection, scanned, (document) => {
    if (!test || test(document)) n++;
  });
  return n;
}

const EVERY_DOCUMENT: Omit<Plan, 'residual'> = {
  prefixes: [],
  ordered: false,
  reverse: false,
  covered: false,
  duplicates: false,
};

/**
 * The plan for testing every candidate: the best ranges, unless they hold most of the collection
 * (all three statuses of the registry, say), where reading the documents themselves one after the
 * other is several times cheaper than walking an index to them.
 */
function scanPlan(
  collection: Collection,
  filter: Filter,
  chosen = plan(collection.indexes, filter, undefined),
): Plan {
  const index = chosen.index;
  if (!index || chosen.bounds || chosen.prefixes.some((p) => p.length > index.fields.length - 2))
    return chosen;
  const candidates = chosen.prefixes.reduce((n, prefix) => n + index.countWithPrefix(prefix), 0);
  return candidates > collection.documents.size / 4
    ? { ...EVERY_DOCUMENT, residual: filter }
    : chosen;
}

/** Visits the documents in the plan's ranges (each once), or every document without an index. */
function forEachCandidate(
  collection: Collection,
  chosen: Plan,
  visit: (document: ReadDocument) => void,
): void {
  if (!chosen.index) {
    for (const document of collection.documents.values()) visit(document);
    return;
  }
  const seen = chosen.duplicates ? new Set<string>() : undefined;
  const once = (document: ReadDocument) => {
    if (seen) {
      if (seen.has(document._id)) return;
      seen.add(document._id);
    }
    visit(document);
  };
  const { index, bounds } = chosen;
  for (const prefix of chosen.prefixes) {
    if (!bounds) {
      index.forEachWithPrefix(prefix, once);
      continue;
    }
    const { low, high, includeHigh } = boundedRange(prefix, bounds);
    const at = prefix.length;
    index.forEachBetween(low, high, includeHigh, (key, document) => {
      if (
        bounds.lower &&
        !bounds.lower.inclusive &&
        compareValues(key[at], bounds.lower.value) === 0
      )
        return;
      once(document);
    });
  }
}

/** The keys from which and up to which a range with bounds on its next field runs. */
function boundedRange(prefix: IndexKey, bounds: Bounds) {
  const type = typeof (bounds.lower ?? bounds.upper)!.value;
  const low = bounds.lower ? bounds.lower.value : type === 'string' ? '' : -Infinity;
  const high = bounds.upper
    ? bounds.upper.value
    : type === 'string'
      ? ABOVE_STRINGS
      : ABOVE_NUMBERS;
  return {
    low: [...prefix, low],
    high: [...prefix, high, ...(bounds.upper?.inclusive ? [HIGHEST] : [])],
    includeHigh: false,
  };
}

/** How many entries a plan's ranges hold. */
function estimate(chosen: Plan): number {
  if (!chosen.index) return Infinity;
  const index = chosen.index;
  if (!chosen.bounds && chosen.prefixes.every((p) => p.length <= index.fields.length - 2))
    return chosen.prefixes.reduce((n, prefix) => n + index.countWithPrefix(prefix), 0);
  let n = 0;
  for (const prefix of chosen.prefixes) {
    const { low, high, includeHigh } = chosen.bounds
      ? boundedRange(prefix, chosen.bounds)
      : { low: prefix, high: [...prefix, HIGHEST], includeHigh: false };
    n += index.countBetween(low, high, includeHigh);
  }
  return n;
}

/** The documents of every range merged in index order (or its reverse), starting after `after`. */
function* walkInOrder(
  chosen: Plan,
  sortFields: readonly string[],
  after: unknown[] | undefined,
): Iterable<ReadDocument> {
  const index = chosen.index!;
  const leading = chosen.prefixes[0]?.length ?? 0;
  const streams = chosen.prefixes.map((prefix) => {
    const start = after
      ? [...prefix, ...index.fields.slice(leading).map((field) => after[sortFields.indexOf(field)])]
      : undefined;
    const entries = chosen.reverse
      ? index.descending(start ?? [...prefix, HIGHEST], start !== undefined)
      : index.ascending(start ?? prefix);
    return { prefix, entries, start, head: undefined as [IndexKey, ReadDocument] | undefined };
  });
  const advance = (stream: (typeof streams)[number]) => {
    for (;;) {
      const next = stream.entries.next();
      if (next.done || !hasPrefix(next.value[0], stream.prefix)) return undefined;
      if (!chosen.reverse && stream.start && index.compare(next.value[0], stream.start) === 0)
        continue;
      return [next.value[0], next.value[1]] as [IndexKey, ReadDocument];
    }
  };
  for (const stream of streams) stream.head = advance(stream);
  const seen = chosen.duplicates ? new Set<string>() : undefined;
  for (;;) {
    let pick: (typeof streams)[number] | undefined;
    for (const stream of streams) {
      if (!stream.head) continue;
      if (!pick) pick = stream;
      else {
        const order = compareSuffix(index, stream.head[0], pick.head![0], leading);
        if (chosen.reverse ? order > 0 : order < 0) pick = stream;
      }
    }
    if (!pick) return;
    const document = pick.head![1];
    pick.head = advance(pick);
    if (seen) {
      if (seen.has(document._id)) continue;
      seen.add(document._id);
    }
    yield document;
  }
}

function hasPrefix(key: IndexKey, prefix: IndexKey): boolean {
  for (let i = 0; i < prefix.length; i++) if (compareValues(key[i], prefix[i]) !== 0) return false;
  return true;
}

/** Compares two keys of the index on their fields from `from` on, each in its direction. */
function compareSuffix(index: MemoryIndex, a: IndexKey, b: IndexKey, from: number): number {
  for (let i = from; i < index.fields.length; i++) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return order * index.directions[i]!;
  }
  return 0;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { totalOrder, type FindQuery, type ReadDocument } from '../../read-store.port';
import { compileFilter } from './compiled-filter';
import type { IndexKey, MemoryIndex } from './memory-index';
import { compareValues, HIGHEST } from './value-order';

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
  let best: { plan: Plan; score: number } | undefined;
  for (const index of indexes) {
    let leading = 0;
    while (leading < index.fields.length && fixed.has(index.fields[leading]!)) leading++;
    const rest = index.fields.slice(leading);
    const order = sort ? servesSort(index, leading, sort) : undefined;
    const ordered = !sort || order !== undefined;
    if (leading === 0 && !(sort && ordered)) continue;
    const score = (ordered ? 1000 : 0) + leading;
    if (best && best.score >= score) continue;
    const fixedFields = index.fields.slice(0, leading);
    const prefixes = combinations(fixedFields.map((f) => fixed.get(f)!));
    best = {
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
        duplicates:
          rest.some((f) => index.multikeyFields.has(f)) ||
          (prefixes.length > 1 && fixedFields.some((f) => index.multikeyFields.has(f))),
      },
    };
  }
  return (
    best?.plan ?? {
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

/** The documents a find returns: filtered, in sort order then `_id`, after the keyset, skipped, limited. */
export function find(collection: Collection, query: FindQuery): ReadDocument[] {
  const sort = totalOrder(query.sort);
  const chosen = plan(collection.indexes, query.filter, sort);
  const test = chosen.covered ? undefined : compileFilter(chosen.residual);
  const after = query.after ? [...query.after] : undefined;
  const skip = query.skip ?? 0;
  const wanted = query.limit + skip;
  const found: ReadDocument[] = [];
  if (chosen.index && chosen.ordered) {
    for (const document of walkInOrder(
      chosen,
      sort.map(([field]) => field),
      after,
    )) {
      if (test && !test(document)) continue;
      found.push(document);
      if (found.length >= wanted) break;
    }
    return found.slice(skip);
  }
  const keyOf = (d: ReadDocument) => sort.map(([field]) => d[field]);
  const compare = (a: readonly unknown[], b: readonly unknown[]) => {
    for (let i = 0; i < sort.length; i++) {
      const order = compareValues(a[i], b[i]) * sort[i]![1];
      if (order !== 0) return order;
    }
    return 0;
  };
  forEachCandidate(collection, chosen, (document) => {
    if (test && !test(document)) return;
    if (after && compare(keyOf(document), after) <= 0) return;
    found.push(document);
  });
  return found
    .map((d) => ({ d, key: keyOf(d) }))
    .sort((a, b) => compare(a.key, b.key))
    .slice(skip, wanted)
    .map(({ d }) => d);
}

/** How many documents match: a covered filter counts index entries without reading documents. */
export function count(collection: Collection, filter: Filter): number {
  const chosen = plan(collection.indexes, filter, undefined);
  if (!chosen.index && Object.keys(filter).length === 0) return collection.documents.size;
  if (chosen.index && chosen.covered && !chosen.duplicates)
    return chosen.prefixes.reduce((n, prefix) => n + chosen.index!.countWithPrefix(prefix), 0);
  const test = chosen.covered ? undefined : compileFilter(chosen.residual);
  let n = 0;
  forEachCandidate(collection, chosen, (document) => {
    if (!test || test(document)) n++;
  });
  return n;
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
  for (const prefix of chosen.prefixes) {
    chosen.index.forEachWithPrefix(prefix, (document) => {
      if (seen) {
        if (seen.has(document._id)) return;
        seen.add(document._id);
      }
      visit(document);
    });
  }
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

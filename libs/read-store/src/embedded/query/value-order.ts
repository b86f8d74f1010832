/**
 * The order MongoDB gives values of different types in indexes and sorts, for the types JSON read
 * models hold: missing and null first, then numbers, strings, objects, arrays, booleans. Within a
 * type, the natural order (strings by UTF-16 code unit, as mingo compares them).
 */
function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 1;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 8;
    default:
      if (value === HIGHEST) return 100;
      if (value === ABOVE_NUMBERS) return 2.5;
      if (value === ABOVE_STRINGS) return 3.5;
      if (Array.isArray(value)) return 5;
      if (value instanceof Date) return 9;
      return 4;
  }
}

/** A value above every other: the upper end of an index range. */
export const HIGHEST: unique symbol = Symbol('highest');
/** Values just above every number and every string: the open upper ends of ranges of either. */
export const ABOVE_NUMBERS: unique symbol = Symbol('above numbers');
export const ABOVE_STRINGS: unique symbol = Symbol('above strings');

export function compareValues(a: unknown, b: unknown): number {
  // Index keys are nearly always strings: compare those before ranking types.
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 2:
    case 3:
    case 8:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 9:
      return (a as Date).getTime() - (b as Date).getTime();
    case 4:
    case 5: {
      const ja = JSON.stringify(a);
      const jb = JSON.stringify(b);
      return ja < jb ? -1 : ja > jb ? 1 : 0;
    }
    default:
      return 0;
  }
}

/**
 * Compares index keys component by component, each in its declared direction. A key that is a
 * prefix of another sorts before it, so `[prefix]` is the lowest key of the prefix's range.
 */
export function keyComparator(directions: readonly (1 | -1)[]) {
  return (a: readonly unknown[], b: readonly unknown[]): number => {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
      const order = compareValues(a[i], b[i]);
      if (order !== 0) return a[i] === HIGHEST || b[i] === HIGHEST ? order : order * directions[i]!;
    }
    return a.length - b.length;
  };
}

import fc from 'fast-check';
import { withDeltas } from './registry-figures';

/** The rule one delta at a time, copying the whole path for each: the reference. */
function addAt(
  target: Readonly<Record<string, unknown>>,
  path: readonly string[],
  n: number,
): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  const copy = { ...target };
  if (rest.length === 0) {
    const value = (typeof copy[head] === 'number' ? copy[head] : 0) + n;
    if (value === 0) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const inner = addAt((copy[head] ?? {}) as Record<string, unknown>, rest, n);
  if (Object.keys(inner).length === 0) delete copy[head];
  else copy[head] = inner;
  return copy;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const name = fc.constantFrom('status', 'days', '2026-01-02', 'due', 'signed', 'DE');
const delta = fc.record({
  path: fc.array(name, { minLength: 1, maxLength: 3 }),
  n: fc.integer({ min: -2, max: 2 }).filter((n) => n !== 0),
});

describe('withDeltas', () => {
  it('adds every delta as one-at-a-time copies would, and leaves the figure it was given unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(delta, { maxLength: 12 }),
        fc.array(delta, { maxLength: 12 }),
        (first, then) => {
          // A figure built by the reference, so it holds what figures hold (no empty objects).
          const figure = deepFreeze(
            first.reduce<Record<string, unknown>>((f, d) => addAt(f, d.path, d.n), {
              _id: 'uptake',
            }),
          );
          // Paths of different depths through one name are not figures' shape: keep each name at one depth.
          const depthOf = new Map<string, number>();
          const consistent = [...first, ...then].every(({ path }) =>
            path.every(
              (part, depth) => (depthOf.get(part) ?? depth) === depth && depthOf.set(part, depth),
            ),
          );
          fc.pre(consistent);
          const expected = then.reduce<Record<string, unknown>>(
            (f, d) => addAt(f, d.path, d.n),
            figure,
          );
          expect(withDeltas(figure, then)).toEqual(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('removes a number that comes to zero and each object that leaves empty', () => {
    const figure = { _id: 'transitions:2026-01', days: { '2026-01-02': { due: 1 } } };
    expect(withDeltas(figure, [{ path: ['days', '2026-01-02', 'due'], n: -1 }])).toEqual({
      _id: 'transitions:2026-01',
    });
    expect(figure.days['2026-01-02'].due).toBe(1);
  });
});

/** One media range of an Accept header: its type, its quality, and where the client listed it. */
interface MediaRange {
  readonly type: string;
  readonly q: number;
  readonly index: number;
}

function mediaRanges(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...parameters] = part.split(';').map((piece) => piece.trim());
      const quality = parameters.find((p) => /^q\s*=/i.test(p));
      const q = quality === undefined ? 1 : Number(quality.replace(/^q\s*=\s*/i, ''));
      return { type: type.toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((range) => range.type !== '');
}

/** The range that decides a type's quality: the type itself, else its family's wildcard, else any. */
function bestMatch(ranges: readonly MediaRange[], type: string): MediaRange | undefined {
  const family = `${type.split('/')[0]}/*`;
  return (
    ranges.find((r) => r.type === type) ??
    ranges.find((r) => r.type === family) ??
    ranges.find((r) => r.type === '*/*')
  );
}

/**
 * Whether the client asks for `type` (CSV, NDJSON) rather than the API's JSON: it names `type` with
 * a quality above zero, and JSON no higher (equal when JSON comes only through a wildcard or is
 * listed after it). `Accept: application/json, text/csv;q=0.5` gets JSON; `text/csv`, or
 * `text/csv` before a wildcard, gets CSV.
 */
export function prefers(accept: string | undefined, type: string): boolean {
  const ranges = mediaRanges(accept ?? '');
  const named = ranges.find((range) => range.type === type);
  if (!named || named.q <= 0) return false;
  const json = bestMatch(ranges, 'application/json');
  if (!json || named.q > json.q) return true;
  if (named.q < json.q) return false;
  return json.type !== 'application/json' || named.index < json.index;
}

/** Markup that is already safe: produced by `html` or deliberately trusted. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** One of the characters above; the global form replaces them all (one list, from the table). */
const NEEDS_ESCAPING = new RegExp(`[${Object.keys(ESCAPES).join('')}]`);
const EVERY_ESCAPE = new RegExp(NEEDS_ESCAPING.source, 'g');

export function escapeHtml(text: string): string {
  // Most text has nothing to escape: one test is about half the cost of a replace that finds nothing.
  return NEEDS_ESCAPING.test(text) ? text.replace(EVERY_ESCAPE, (c) => ESCAPES[c]!) : text;
}

function render(part: Part): string {
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  if (part === null || part === undefined || part === false || part === true) return '';
  return escapeHtml(String(part));
}

/** A template whose interpolations are escaped unless they are `Html` already (or lists of it). */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < parts.length; i++) out += render(parts[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup (an inline SVG we drew, say). Never pass user input. */
export const trusted = (markup: string) => new Html(markup);

/** The API's own paths: JSON only. Everything else served by the app is a page (or its assets). */
export function isApiPath(url: string): boolean {
  return (
    url.startsWith('/v1/') ||
    url === '/v1' ||
    url.startsWith('/health') ||
    url.startsWith('/metrics') ||
    url.startsWith('/admin/queues') ||
    url.startsWith('/openapi.json')
  );
}

export type FormBody = Record<string, string | string[]>;

const MAX_FIELDS = 500;
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** A urlencoded body as fields; a name given several times becomes a list. */
export function parseForm(text: string): FormBody {
  const form: FormBody = {};
  let count = 0;
  for (const [name, value] of new URLSearchParams(text)) {
    if (UNSAFE_NAMES.has(name) || ++count > MAX_FIELDS) continue;
    const existing = form[name];
    form[name] = existing === undefined ? value : [existing, value].flat();
  }
  return form;
}

/** One field's text, trimmed ('' when absent; the first when given twice). */
export function field(body: unknown, name: string): string {
  const value = (body as FormBody | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** Every value of a field, in order. */
export function fields(body: unknown, name: string): string[] {
  const value = (body as FormBody | undefined)?.[name];
  if (value === undefined) return [];
  return [value].flat().map((v) => v.trim());
}

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

/**
 * What a field held in a refused form, as sent (untrimmed), to show the form again as it was;
 * `fresh` when the form is shown anew (no body).
 */
export function sent(body: FormBody | undefined, name: string, fresh = ''): string {
  if (body === undefined) return fresh;
  const value = body[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Whether a refused form had this checkbox ticked; `fresh` when the form is shown anew. */
export function ticked(body: FormBody | undefined, name: string, value: string, fresh = false) {
  return body === undefined ? fresh : [body[name] ?? []].flat().includes(value);
}

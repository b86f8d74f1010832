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

/** A field's path in a command without its list indexes: `commitments[2].code` → `commitments.code`. */
export const withoutIndexes = (path: string): string => path.replace(/\[\d+\]/g, '');

/**
 * A refused form, to show it again as it was sent: its body, and what the refusal says of each
 * field it names, by the field's name (the field is marked invalid and shows it beside it).
 */
export interface RefusedForm {
  readonly body: FormBody;
  readonly invalid: ReadonlyMap<string, string>;
  /** The form field's name for each of the refusal's errors, in order (undefined: not a field). */
  readonly names: readonly (string | undefined)[];
}

/** The id of the message shown beside a refused field: the refusal's list links to it. */
export const errorAnchor = (name: string): string => `error-${name}`;

/**
 * A refused form from its body and the refusal's field errors. `nameOf` turns an error's path in
 * the command (`contact.email`, `commitments[3].actions[0].targetDate`) into the form field's name
 * (`contactEmail`, `action.<code>.targetDate`); by default the path without its list indexes.
 */
export function refusedForm(
  body: unknown,
  errors: readonly { readonly field: string; readonly beside: string }[],
  nameOf: (path: string, body: FormBody) => string | undefined = withoutIndexes,
): RefusedForm {
  const form = (body ?? {}) as FormBody;
  const invalid = new Map<string, string>();
  const names = errors.map(({ field: path, beside }) => {
    const name = nameOf(path, form);
    if (name) {
      const said = invalid.get(name);
      // Two errors on one field: both said, once each.
      if (said === undefined) invalid.set(name, beside);
      else if (!said.includes(beside)) invalid.set(name, `${said} ${beside}`);
    }
    return name;
  });
  return { body: form, invalid, names };
}

/**
 * The refused form when it is the one of this intent (and of this row of a list, named by a hidden
 * field's value), so only that form shows again as it was sent; undefined for the others.
 */
export function refusedHere(
  form: RefusedForm | undefined,
  intent: string,
  row?: { readonly field: string; readonly value: string },
): RefusedForm | undefined {
  if (!form || field(form.body, 'intent') !== intent) return undefined;
  return !row || field(form.body, row.field) === row.value ? form : undefined;
}

/**
 * A text field's value and state: as a refused form sent it (untrimmed), marked invalid with what
 * the refusal says of it when it names it; `fresh` when the form is shown anew.
 */
export function kept(
  form: RefusedForm | undefined,
  name: string,
  fresh = '',
): { value: string; invalid: boolean; error?: string } {
  if (form === undefined) return { value: fresh, invalid: false };
  const value = form.body[name];
  return { value: (Array.isArray(value) ? value[0] : value) ?? '', ...refusedField(form, name) };
}

/**
 * A filter form's controls, by name: each as the query gave it, marked with what the refusal says of
 * it when the query was refused.
 */
export function sentFilters(
  query: Readonly<Record<string, unknown>>,
  refused: RefusedForm | undefined,
): (name: string) => { value: string; invalid: boolean; error?: string } {
  return (name) => {
    const value = query[name];
    return { value: typeof value === 'string' ? value : '', ...refusedField(refused, name) };
  };
}

/** Whether a refusal names a field, and what it says of it. */
function refusedField(
  form: RefusedForm | undefined,
  name: string,
): { invalid: boolean; error?: string } {
  const error = form?.invalid.get(name);
  return error === undefined ? { invalid: false } : { invalid: true, error };
}

/**
 * A checkbox's state: ticked as a refused form sent it; `fresh` when the form is shown anew. What
 * the refusal says of it is shown once for its group, by `fieldMessage`.
 */
export function keptTick(
  form: RefusedForm | undefined,
  name: string,
  value: string,
  fresh = false,
): { checked: boolean; invalid: boolean } {
  if (form === undefined) return { checked: fresh, invalid: false };
  return {
    checked: [form.body[name] ?? []].flat().includes(value),
    invalid: form.invalid.has(name),
  };
}

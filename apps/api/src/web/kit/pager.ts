import { encodeCursor } from '../../http/list-response';
import { html } from './html';
import type { PageContext } from './page-context';

/**
 * Previous and next links for a paged list, keeping the current query (the API's cursors). A page
 * with several lists gives each its own cursor parameter and navigation label (`list`).
 */
export function pager(
  context: PageContext,
  query: Record<string, unknown>,
  page: {
    items: unknown[];
    total: number;
    offset: number;
    more: boolean;
    after?: readonly unknown[];
  },
  /** The list and order the cursors are for (`listWindow`'s). */
  order: string,
  list: { readonly limit?: number; readonly cursor?: string; readonly label?: string } = {},
) {
  const { t, number } = context.i18n;
  const { limit = 50, cursor = 'cursor', label = t('pager.label') } = list;
  const base = context.url.split('?')[0] ?? '/';
  const link = (offset: number, after?: readonly unknown[]) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      if (
        typeof value === 'string' &&
        value !== '' &&
        name !== cursor &&
        name !== 'done' &&
        name !== 'revision'
      )
        params.set(name, value);
    if (offset > 0) params.set(cursor, encodeCursor(offset, after, order));
    const text = params.toString();
    return text ? `${base}?${text}` : base;
  };
  const previous = page.offset > 0 ? Math.max(0, page.offset - limit) : undefined;
  const next = page.more ? page.offset + page.items.length : undefined;
  if (previous === undefined && next === undefined) return '';
  return html`<nav class="pact-actions" aria-label="${label}">
    ${previous !== undefined ? html`<a class="ecl-link ecl-link--standalone" href="${link(previous)}">${t('pager.previous')}</a>` : ''}
    ${
      page.items.length > 0
        ? html`<span
            >${t('pager.showing', { from: number(page.offset + 1), to: number(page.offset + page.items.length), total: number(page.total) })}</span
          >`
        : ''
    }
    ${next !== undefined ? html`<a class="ecl-link ecl-link--standalone" href="${link(next, page.after)}">${t('pager.next')}</a>` : ''}
  </nav>`;
}

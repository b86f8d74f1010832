import type { FastifyReply, FastifyRequest } from 'fastify';
import { prefers } from './accept';
import type { QueryParams } from './query-params';

export const LIST_PARAMS = ['limit', 'cursor', 'minPosition'] as const;

export interface ListWindow {
  readonly offset: number;
  readonly limit: number;
  /** The sort key the previous page ended on: the next page starts after it, at any depth alike. */
  readonly after?: readonly unknown[];
}

/**
 * A cursor: the position of the page's first item (`o`, for "showing 51-100 of ...") and, for a next
 * page, the keyset it starts after (`k`) in the list and order it was given for (`s`, such as
 * `registry:name`): a keyset means nothing under another order. A cursor with an offset alone (a
 * "previous" link) skips.
 */
export function encodeCursor(offset: number, after?: readonly unknown[], order?: string): string {
  return Buffer.from(
    JSON.stringify(after ? { o: offset, k: after, s: order } : { o: offset }),
  ).toString('base64url');
}

const isKeyPart = (value: unknown) =>
  value === null || typeof value === 'number' || (typeof value === 'string' && value.length <= 200);

/**
 * `?limit=` (1-500, default 50) and the opaque `?cursor=` of the previous page, which must have been
 * given for this list in this order (`order`, as `sendList` was given it). A page with several lists
 * names each one's cursor parameter and sets their length (`fixed`).
 */
export function listWindow(
  params: QueryParams,
  order: string,
  fixed?: { readonly cursor: string; readonly limit: number },
): ListWindow {
  const limit = fixed ? fixed.limit : params.integer('limit', 1, 500, 50);
  const name = fixed ? fixed.cursor : 'cursor';
  const cursor = params.text(name, 2000);
  if (cursor === undefined) return { offset: 0, limit };
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      o?: unknown;
      k?: unknown;
      s?: unknown;
    };
    const { o: offset, k: after } = decoded;
    const validOffset = typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0;
    if (validOffset && after === undefined) return { offset, limit };
    if (after !== undefined && decoded.s !== order) {
      params.fail(name, 'was given for another list or sort order');
      return { offset: 0, limit };
    }
    if (
      validOffset &&
      Array.isArray(after) &&
      after.length > 0 &&
      after.length <= 4 &&
      after.every(isKeyPart)
    )
      return { offset, limit, after };
  } catch {
    // falls through to the error below
  }
  params.fail(name, 'is not a cursor this endpoint gave');
  return { offset: 0, limit };
}

/** `{items, nextCursor, total}`, or CSV with a header row when the client asks for text/csv. */
export function sendList<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { items: T[]; total: number; offset: number; more: boolean; after?: readonly unknown[] },
  columns: readonly (keyof T & string)[],
  order: string,
): unknown {
  const nextCursor = page.more
    ? encodeCursor(page.offset + page.items.length, page.after, order)
    : null;
  if (wantsCsv(request)) {
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('x-total-count', String(page.total));
    if (nextCursor) void reply.header('x-next-cursor', nextCursor);
    return toCsv(page.items, columns);
  }
  return { items: page.items, nextCursor, total: page.total };
}

export function wantsCsv(request: FastifyRequest): boolean {
  return prefers(request.headers.accept, 'text/csv');
}

export function toCsv<T extends object>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
): string {
  const lines = [
    columns.join(','),
    ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = Array.isArray(value)
    ? value.join(';')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
  // A cell that a spreadsheet would run as a formula is prefixed so it stays text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

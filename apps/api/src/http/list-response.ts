import type { FastifyReply, FastifyRequest } from 'fastify';
import type { QueryParams } from './query-params';

export const LIST_PARAMS = ['limit', 'cursor', 'minPosition'] as const;

export interface ListWindow {
  readonly offset: number;
  readonly limit: number;
}

/** `?limit=` (1-500, default 50) and the opaque `?cursor=` of the previous page. */
export function listWindow(params: QueryParams): ListWindow {
  const limit = params.integer('limit', 1, 500, 50);
  const cursor = params.text('cursor', 200);
  if (cursor === undefined) return { offset: 0, limit };
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      o?: unknown;
    };
    if (typeof decoded.o === 'number' && Number.isSafeInteger(decoded.o) && decoded.o >= 0)
      return { offset: decoded.o, limit };
  } catch {
    // falls through to the error below
  }
  params.fail('cursor', 'is not a cursor this endpoint gave');
  return { offset: 0, limit };
}

/** `{items, nextCursor, total}`, or CSV with a header row when the client asks for text/csv. */
export function sendList<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { items: T[]; total: number; offset: number },
  columns: readonly (keyof T & string)[],
): unknown {
  const next = page.offset + page.items.length;
  const nextCursor =
    next < page.total ? Buffer.from(JSON.stringify({ o: next })).toString('base64url') : null;
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
  return (request.headers.accept ?? '').toLowerCase().includes('text/csv');
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

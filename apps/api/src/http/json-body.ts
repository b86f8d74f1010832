import type { FastifyInstance } from 'fastify';
import { isApiPath, parseForm } from '../web/kit/form';

export const BODY_LIMIT = 256 * 1024;
/**
 * A page's form may carry a practice's body of 100,000 characters, which a browser sends
 * percent-encoded: up to 9 bytes a character (`%E2%82%AC` for `€`). The API's JSON stays at 256 KiB.
 */
export const FORM_BODY_LIMIT = 1024 * 1024;

/**
 * JSON in UTF-8 is the only body the API accepts: anything else is 415, a `charset` other than UTF-8
 * included. `application/json; charset=utf-8`, as many clients send it, is JSON (Fastify tests a
 * pattern against the type with its parameters, so the pattern allows them). An empty JSON body
 * counts as `{}`; `__proto__` and `constructor.prototype` keys are refused by Fastify's secure
 * parser. The pages' forms post `application/x-www-form-urlencoded`, accepted on page routes only.
 */
export function acceptJsonOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json(;|$)/,
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (request, body, done) => {
      const charset = charsetOf(request.headers['content-type']);
      if (charset !== undefined && !UTF8.has(charset)) {
        const error = new Error(`Unsupported charset ${charset}: JSON bodies are UTF-8`);
        return done(Object.assign(error, { statusCode: 415 }), undefined);
      }
      const text = body.toString();
      if (text.trim() === '') return done(null, {});
      void parseJson(request, text, (error, parsed) => {
        if (error) return done(error, undefined);
        const problem = shapeProblem(parsed);
        if (problem) return done(Object.assign(new Error(problem), { statusCode: 400 }), undefined);
        done(null, parsed);
      });
    },
  );
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (request, body, done) => {
      if (isApiPath(request.url)) {
        const error = new Error(`Unsupported Media Type: ${request.headers['content-type']}`);
        return done(Object.assign(error, { statusCode: 415 }), undefined);
      }
      done(null, parseForm(body.toString()));
    },
  );
}

const UTF8 = new Set(['utf-8', 'utf8']);

/** The `charset` parameter of a Content-Type header, lower-cased, without quotes; none when absent. */
function charsetOf(header: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(header ?? '');
  return match ? (match[1] ?? match[2] ?? '').toLowerCase() : undefined;
}

export const MAX_DEPTH = 16;
export const MAX_STRING_LENGTH = 100_000;
export const MAX_KEYS = 500;

/** Bodies nested deeper, with longer strings or more keys than any request of the API needs are refused. */
function shapeProblem(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string')
    return value.length > MAX_STRING_LENGTH
      ? `A string in the body is longer than ${MAX_STRING_LENGTH} characters`
      : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_DEPTH) return `The body is nested deeper than ${MAX_DEPTH} levels`;
  const children = Array.isArray(value) ? value : Object.values(value);
  if (!Array.isArray(value) && children.length > MAX_KEYS)
    return `An object in the body has more than ${MAX_KEYS} keys`;
  for (const child of children) {
    const problem = shapeProblem(child, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

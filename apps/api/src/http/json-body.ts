import type { FastifyInstance } from 'fastify';

export const BODY_LIMIT = 256 * 1024;

/**
 * JSON is the only body accepted (anything else is 415). An empty JSON body counts as `{}`;
 * `__proto__` and `constructor.prototype` keys are refused by Fastify's secure parser.
 */
export function acceptJsonOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json$/,
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (request, body, done) => {
      const text = body.toString();
      if (text.trim() === '') return done(null, {});
      void parseJson(request, text, done);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SWAGGER_UI = dirname(require.resolve('swagger-ui-dist/package.json'));

/** Starts Swagger UI on the served document; a file of its own, so the CSP needs no inline script. */
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    validatorUrl: null,
    tryItOutEnabled: false,
  });
});
`;

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · AI Pact registry</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<noscript><p>This reference needs JavaScript. The document it shows is at <a href="/openapi.json">/openapi.json</a>.</p></noscript>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script src="/docs/swagger-init.js"></script>
</body>
</html>
`;

/**
 * The API reference at /docs: Swagger UI (swagger-ui-dist, from npm) over /openapi.json, served by
 * the app itself, with no inline script and nothing loaded from elsewhere.
 */
export function mountApiReference(fastify: FastifyInstance): void {
  const file = (name: string) => readFileSync(join(SWAGGER_UI, name));
  const assets: [string, string, Buffer | string][] = [
    ['/docs/swagger-ui.css', 'text/css; charset=utf-8', file('swagger-ui.css')],
    ['/docs/swagger-ui-bundle.js', 'text/javascript; charset=utf-8', file('swagger-ui-bundle.js')],
    [
      '/docs/swagger-ui-standalone-preset.js',
      'text/javascript; charset=utf-8',
      file('swagger-ui-standalone-preset.js'),
    ],
    ['/docs/swagger-init.js', 'text/javascript; charset=utf-8', INIT],
  ];
  for (const [url, type, content] of assets)
    fastify.get(url, (_request, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=3600').send(content),
    );
  fastify.get('/docs', (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
}

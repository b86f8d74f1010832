import type { OpenAPIObject } from '@nestjs/swagger';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain, self-contained page of every operation: method, path, who may call it, what it takes. */
export function docsPage(document: OpenAPIObject): string {
  const rows = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'patch', 'delete', 'put'].includes(method))
      .map(([method, raw]) => {
        const operation = raw as {
          'x-roles'?: string[];
          parameters?: { name: string; in: string }[];
          requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
          responses: Record<string, unknown>;
        };
        const body = operation.requestBody?.content?.['application/json']?.schema?.$ref
          ?.split('/')
          .pop();
        const query = (operation.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => p.name);
        const success = Object.keys(operation.responses).filter((c) => c.startsWith('2'));
        return `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(
          (operation['x-roles'] ?? []).join(', '),
        )}</td><td>${body ? `<code>${escape(body)}</code>` : ''}</td><td>${escape(query.join(', '))}</td><td>${success.join(', ')}</td></tr>`;
      }),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)} API</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}code{font-size:13px}</style>
</head><body>
<h1>${escape(document.info.title)} API v${escape(document.info.version)}</h1>
<p>${escape(document.info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escape(document.openapi)}). Authenticate with <code>Authorization: Bearer &lt;api key&gt;</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>who</th><th>body</th><th>query</th><th>success</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</body></html>`;
}

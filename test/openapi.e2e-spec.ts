import { Document, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import SwaggerParser from '@apidevtools/swagger-parser';
import { registeredRoutes } from '../apps/api/src/create-app';
import { organisationBody, pledgeBody, TestApp } from './support/test-app';

describe('OpenAPI document', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it('is a valid OpenAPI 3 document with every route the app serves, its roles and errors', async () => {
    const response = await api.get('/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toMatch(/^3\./);
    await SwaggerParser.validate(structuredClone(document));

    const documented = Object.entries(document.paths as Record<string, object>)
      .flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    const served = registeredRoutes(api.app)
      .filter(
        (r) => r.url.startsWith('/v1/') || r.url.startsWith('/health') || r.url === '/metrics',
      )
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    expect(documented).toEqual(served);

    const sign = document.paths['/v1/pledges'].post;
    expect(sign['x-roles']).toEqual(['participant']);
    expect(sign.security).toEqual([{ bearer: [] }]);
    expect(sign.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/SignPledgeDto',
    );
    expect(sign.responses['201'].content['application/json'].schema.required).toEqual([
      'pledgeId',
      'revision',
      'position',
    ]);
    expect(
      document.paths['/v1/pledges/{id}/withdraw'].post.responses['200'].content['application/json']
        .schema.$ref,
    ).toBe('#/components/schemas/CommandResponse');
    expect(sign.responses['412'].content['application/problem+json']).toBeDefined();
    const dto = document.components.schemas.SignPledgeDto;
    expect(dto.required).toEqual(expect.arrayContaining(['signatory', 'commitments']));
    expect(document.components.schemas.OrganisationProfileDto.properties.contact.$ref).toBe(
      '#/components/schemas/ContactDto',
    );
    const registry = document.paths['/v1/registry/pledges'].get;
    expect(registry.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['country', 'reportingStatus', 'sort', 'limit', 'cursor']),
    );
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('describes what the routes really answer', async () => {
    const document = (await api.get('/openapi.json')).body;
    const resolve = (schema: any): any =>
      schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema;
    const bodyOf = (method: string, path: string, status: string) =>
      resolve(document.paths[path][method].responses[status].content['application/json'].schema);
    /** Every required field of the documented schema is in the real answer (one level deep). */
    const expectConforms = (answer: Record<string, unknown>, schema: any) => {
      expect(Object.keys(answer)).toEqual(expect.arrayContaining(schema.required ?? []));
    };

    const registration = await api.post('/v1/organisations', { body: organisationBody() });
    expectConforms(registration.body, bodyOf('post', '/v1/organisations', '201'));
    const key = registration.body.apiKey as string;
    const signed = await api.post('/v1/pledges', { key, body: pledgeBody() });
    expectConforms(signed.body, bodyOf('post', '/v1/pledges', '201'));
    const pledge = await api.get(`/v1/pledges/${signed.body.pledgeId}`, { key });
    expectConforms(pledge.body, bodyOf('get', '/v1/pledges/{id}', '200'));
    const organisation = await api.get(`/v1/organisations/${registration.body.organisationId}`, {
      key,
    });
    expectConforms(organisation.body, bodyOf('get', '/v1/organisations/{id}', '200'));
    const analyst = await api.issueKey('analyst');
    const registry = await api.get('/v1/registry/pledges', { key: analyst });
    const listSchema = bodyOf('get', '/v1/registry/pledges', '200');
    expectConforms(registry.body, listSchema);
    expectConforms(registry.body.items[0], resolve(listSchema.properties.items.items));
    const summary = await api.get('/v1/analytics/summary', { key: analyst });
    expectConforms(summary.body, bodyOf('get', '/v1/analytics/summary', '200'));
    for (const path of [
      '/v1/registry/pledges',
      '/v1/analytics/summary',
      '/v1/analytics/signatures',
    ])
      expect(document.paths[path].get.responses['200'].content['text/csv']).toBeDefined();
  });

  it('lints with no error or warning under the standard OpenAPI rules (spectral:oas), every operation tagged and described', async () => {
    const document = (await api.get('/openapi.json')).body;
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [oas] } as unknown as RulesetDefinition);
    const findings = await spectral.run(new Document(JSON.stringify(document), Parsers.Json));
    expect(findings.map((f) => `${f.code} at ${f.path.join('.')}: ${f.message}`)).toEqual([]);
    const tags = new Set((document.tags as { name: string }[]).map((tag) => tag.name));
    for (const item of Object.values(
      document.paths as Record<string, Record<string, { tags: string[]; description: string }>>,
    ))
      for (const operation of Object.values(item)) {
        expect(operation.tags.every((tag) => tags.has(tag))).toBe(true);
        expect(operation.description.length).toBeGreaterThan(10);
      }
  });

  it('serves Swagger UI at /docs from its own origin, with no inline script', async () => {
    const page = await api.get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.every((attributes) => /src="\/docs\//.test(attributes!))).toBe(true);
    for (const asset of [
      '/docs/swagger-ui.css',
      '/docs/swagger-ui-bundle.js',
      '/docs/swagger-ui-standalone-preset.js',
      '/docs/swagger-init.js',
    ]) {
      const response = await api.get(asset);
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
    }
    expect((await api.get('/docs/swagger-init.js')).text).toContain("url: '/openapi.json'");
  });
});

import SwaggerParser from '@apidevtools/swagger-parser';
import { registeredRoutes } from '../apps/api/src/create-app';
import { TestApp } from './support/test-app';

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
    expect(sign.responses['201'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CommandResponse',
    );
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

  it('has a human-readable page at /docs', async () => {
    const page = await api.get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('/v1/pledges/{id}/milestones');
    expect(page.text).toContain('SignPledgeDto');
  });
});

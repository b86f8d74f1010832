import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { TEXT_RULE_SCHEMAS } from '../http/text-rules';
import { OPERATIONS, TAGS } from './operation-descriptions';
import { CSV_ANSWERS, RESPONSE_COMPONENTS, RESPONSES } from './response-schemas';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const PROBLEM = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const ERRORS: Record<string, string> = {
  '400': 'Invalid input',
  '401': 'No, unknown, revoked or expired API key',
  '403': 'Authenticated, but this role may not do that',
  '404': 'Not found (also what another organisation’s resources look like)',
  '409': 'The domain refuses (withdrawn, duplicate, already done)',
  '412': 'If-Match revision mismatch; nothing written',
  '413': 'Body larger than 256 KiB',
  '415': 'Not JSON',
  '422': 'Idempotency-Key reused with another body',
  '429': 'Rate limited; see Retry-After',
  '503': 'minPosition not reached in time; see Retry-After',
};

/**
 * The OpenAPI 3 document of every route: paths and parameters from Nest's metadata, request bodies
 * from the DTOs' class-validator rules, roles from the access decorators, and the error responses
 * of api.md's conventions.
 */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('pact-registry')
    .setDescription(
      'The event-sourced back office and public registry of the EU AI Pact. Errors are ' +
        'application/problem+json; every command answers {revision, position}; POSTs accept ' +
        'Idempotency-Key, commands on an existing stream accept If-Match.',
    )
    .setVersion('1')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, base, {
    operationIdFactory: (controller, method) =>
      `${controller.replace(/Controller$/, '')}_${method}`,
  });
  const schemas = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
    // A nested body's `IsObject` adds nothing its `$ref` does not say (and may not stand beside it).
    additionalConverters: { ...TEXT_RULE_SCHEMAS, isObject: {} },
  });
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...(withoutNullChecks(schemas) as NonNullable<OpenAPIObject['components']>['schemas']),
      ...(RESPONSE_COMPONENTS as NonNullable<OpenAPIObject['components']>['schemas']),
      Problem: PROBLEM,
      CommandResponse: {
        type: 'object',
        required: ['revision', 'position'],
        properties: {
          revision: { type: 'integer', description: 'Revision of the last event written' },
          position: { type: 'string', description: 'Global log position, opaque' },
        },
      },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, Operation][]) {
      describeOperation(path, method, operation);
    }
  }
  document.tags = TAGS.map((tag) => ({ ...tag }));
  return withoutUnusedSchemas(document);
}

/** Schemas no operation reaches (the mapped-type DTOs Nest registers on the way) are left out. */
function withoutUnusedSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const visit = (value: unknown): void => {
    const text = JSON.stringify(value);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (reached.has(name!)) continue;
      reached.add(name!);
      visit(schemas[name!]);
    }
  };
  visit(document.paths);
  document.components!.schemas = Object.fromEntries(
    Object.entries(schemas).filter(([name]) => reached.has(name)),
  );
  return document;
}

function describeOperation(path: string, method: string, operation: Operation): void {
  const write = method !== 'get';
  const roles = (operation as { 'x-roles'?: string[] })['x-roles'] ?? [];
  operation.summary ??= `${method.toUpperCase()} ${path} (${roles.join(', ')})`;
  const known = OPERATIONS[operation.operationId ?? ''];
  // A route added without a description fails the OpenAPI test (and spectral's operation rules).
  if (known) {
    operation.tags = [known.tag];
    operation.description = known.description;
  }
  operation.parameters = [
    ...(operation.parameters ?? []),
    ...(write
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header' as const,
            required: false,
            schema: { type: 'string' as const, minLength: 1, maxLength: 200 },
          },
          {
            name: 'If-Match',
            in: 'header' as const,
            required: false,
            schema: { type: 'string' as const },
          },
        ]
      : []),
  ];
  const success = Object.keys(operation.responses).find((code) => code.startsWith('2'));
  if (success && success !== '204') {
    const name = `${method.toUpperCase()} ${path}`;
    const schema =
      RESPONSES[name] ??
      (write ? { $ref: '#/components/schemas/CommandResponse' } : { type: 'object' });
    operation.responses[success] = {
      description: write ? 'Done' : 'OK',
      content: {
        'application/json': { schema },
        ...(CSV_ANSWERS.has(name) ? { 'text/csv': { schema: { type: 'string' } } } : {}),
      },
    };
  }
  const codes = write
    ? ['400', '401', '403', '404', '409', '412', '413', '415', '422', '429']
    : ['400', '401', '403', '404', '429', '503'];
  for (const code of codes) {
    operation.responses[code] = {
      description: ERRORS[code]!,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
}

/**
 * `@IsDefined()` becomes `not: {type: null}`, which OpenAPI 3.0 cannot say; the property is in
 * `required` already, which says the same.
 */
function withoutNullChecks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullChecks);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, item]) => !(key === 'not' && (item as { type?: unknown }).type === 'null'))
      .map(([key, item]) => [key, withoutNullChecks(item)]),
  );
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  deploy?: { replicas?: number; resources?: { limits?: { cpus?: string; memory?: string } } };
}

const compose = parse(readFileSync(join(ROOT, 'docker/docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service> };
const services = compose.services;

/** Every variable the configuration reads, taken from the code that reads it. */
const variablesTheCodeReads = new Set(
  [
    ...readFileSync(join(ROOT, 'libs/application/src/config/app-config.ts'), 'utf8').matchAll(
      /(?:text|oneOf|duration|wholeNumber)\('([A-Z_]+)'|env\['([A-Z_]+)'\]/g,
    ),
  ].map((match) => match[1] ?? match[2]!),
);
// Read by the container itself (docker/Dockerfile's CMD), not by the configuration.
const IMAGE_VARIABLES = new Set(['APP']);

describe('docker/docker-compose.yml', () => {
  it('has the engines and the three processes the code expects', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'kurrentdb', 'mongodb', 'projector', 'redis', 'worker'].sort(),
    );
    expect(services['api']!.deploy?.replicas).toBe(2);
    expect(services['projector']!.deploy?.replicas).toBe(2);
    expect(services['projector']!.environment).toMatchObject({ PROJECTOR_LEASE: 'redis' });
    expect(services['worker']!.deploy?.replicas).toBe(2);
  });

  it.each(['api', 'projector', 'worker'])(
    '%s sets only variables the code reads, and every one the production engines need',
    (name) => {
      const service = services[name]!;
      const environment = service.environment ?? {};
      const unknown = Object.keys(environment).filter(
        (variable) => !variablesTheCodeReads.has(variable) && !IMAGE_VARIABLES.has(variable),
      );
      expect(unknown).toEqual([]);
      expect(environment).toMatchObject({
        APP: name,
        EVENT_STORE: 'kurrentdb',
        KURRENTDB_URL: expect.stringMatching(/^kurrentdb:\/\/kurrentdb:2113/),
        READ_STORE: 'mongodb',
        MONGODB_URL: expect.stringMatching(/^mongodb:\/\/mongodb:27017\/.*replicaSet=rs0/),
        REDIS_URL: 'redis://redis:6379',
        SECRETS_KEY: expect.any(String),
      });
      expect(service.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
      expect(Object.keys(service.depends_on ?? {}).sort()).toEqual([
        'kurrentdb',
        'mongodb',
        'redis',
      ]);
      expect(service.deploy?.resources?.limits).toEqual({
        cpus: expect.any(String),
        memory: expect.any(String),
      });
    },
  );

  it.each(['api', 'projector', 'worker'])(
    '%s keeps nothing on its host: no volume, and the secrets key comes from the environment',
    (name) => {
      expect(services[name]!.volumes).toBeUndefined();
      expect(String(services[name]!.environment!['SECRETS_KEY'])).toMatch(/^\$\{SECRETS_KEY/);
    },
  );

  it('runs the projector and the worker only in their own services', () => {
    expect(services['api']!.environment).toMatchObject({
      RUN_PROJECTOR: 'false',
      RUN_WORKER: 'false',
    });
    expect(services['api']!.environment!['BOOTSTRAP_ADMIN_KEY']).toEqual(expect.any(String));
  });

  it('keeps Redis durable and never evicting, and MongoDB a replica set', () => {
    const redis = services['redis']!.command!.join(' ');
    expect(redis).toContain('--appendonly yes');
    expect(redis).toContain('--maxmemory-policy noeviction');
    expect(services['mongodb']!.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(JSON.stringify(services['mongodb']!.healthcheck)).toContain('rs.initiate');
  });

  it('checks the health of every engine', () => {
    for (const name of ['kurrentdb', 'mongodb', 'redis']) {
      expect(services[name]!.healthcheck?.test).toBeDefined();
    }
  });

  it('builds each app the Dockerfile can run', () => {
    const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
    expect(dockerfile).toContain('node dist/apps/${APP}/src/main.js');
    // An image VOLUME would give every container an anonymous volume the services do not use.
    expect(dockerfile).not.toMatch(/^VOLUME/m);
    for (const app of ['api', 'projector', 'worker']) {
      expect(readFileSync(join(ROOT, `apps/${app}/src/main.ts`), 'utf8')).toContain('bootstrap');
    }
  });
});

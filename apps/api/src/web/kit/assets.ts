import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding `apps/api/assets`, found from here in the sources and in `dist/` alike. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'apps', 'api', 'assets'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('apps/api/assets not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

const FONTS = dirname(require.resolve('@fontsource-variable/inter/package.json'));

/** Every static file the pages load, by URL: nothing else under /assets is served. */
function assetFiles(root: string): Record<string, { file: string; type: string }> {
  const own = join(root, 'apps', 'api', 'assets');
  return {
    '/assets/ecl/ecl-ec.css': { file: join(own, 'ecl', 'ecl-ec.css'), type: 'text/css' },
    '/assets/ecl/ecl-ec-utilities.css': {
      file: join(own, 'ecl', 'ecl-ec-utilities.css'),
      type: 'text/css',
    },
    '/assets/ecl/logo-ec--en.svg': {
      file: join(own, 'ecl', 'logo-ec--en.svg'),
      type: 'image/svg+xml',
    },
    '/assets/ecl/logo-ec--fr.svg': {
      file: join(own, 'ecl', 'logo-ec--fr.svg'),
      type: 'image/svg+xml',
    },
    '/assets/site.css': { file: join(own, 'site.css'), type: 'text/css' },
    '/assets/fonts/InterVariable.woff2': {
      file: join(FONTS, 'files', 'inter-latin-wght-normal.woff2'),
      type: 'font/woff2',
    },
    '/assets/fonts/InterVariable-Italic.woff2': {
      file: join(FONTS, 'files', 'inter-latin-wght-italic.woff2'),
      type: 'font/woff2',
    },
  };
}

/** Serves the pages' styles, logos and fonts from memory (read once at start-up). */
export function mountAssets(fastify: FastifyInstance): void {
  for (const [url, { file, type }] of Object.entries(assetFiles(projectRoot()))) {
    const content = readFileSync(file);
    fastify.get(url, (_request, reply) =>
      reply
        .type(type.startsWith('text/') ? `${type}; charset=utf-8` : type)
        .header('cache-control', 'public, max-age=3600')
        .send(content),
    );
  }
}

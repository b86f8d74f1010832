/** Layer rules: a failing rule fails `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain is plain TypeScript: no framework, database, queue, HTTP or other lib of ours.',
      severity: 'error',
      // Tests of the domain may use test libraries (fast-check); the domain's own code may not.
      from: { path: '^libs/domain/', pathNot: ['\\.spec\\.ts$', '/testing/'] },
      to: {
        pathNot: ['^libs/domain/', '^node_modules/luxon/', '^node_modules/@types/luxon/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'domain-uses-no-node-io',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'event-store-knows-no-domain',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/(domain|application|infrastructure)/' },
    },
    {
      name: 'application-uses-no-framework',
      comment: 'The command pipeline and configuration stay free of Nest, databases and queues.',
      severity: 'error',
      from: { path: '^libs/application/' },
      to: {
        path: [
          '^node_modules/@nestjs/',
          '^node_modules/better-sqlite3/',
          '^node_modules/bullmq/',
          '^node_modules/mongodb/',
          '^libs/infrastructure/',
        ],
      },
    },
    {
      name: 'command-handlers-know-no-http',
      comment:
        'What a command does is decided in its handler (libs/commands), whoever sends it (API, pages, CLI, demo seed): no HTTP in it.',
      severity: 'error',
      from: { path: '^libs/commands/' },
      to: { path: ['^node_modules/fastify/', '^node_modules/@fastify/', '^apps/'] },
    },
    {
      name: 'testing-helpers-stay-out-of-builds',
      comment:
        'The build leaves out every testing folder: only specs, testing code and benchmarks use them.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.(spec|e2e-spec)\\.ts$', '/testing/'] },
      to: { path: '^libs/[^/]+/src/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Our own build output only: a pattern matching `dist/` anywhere would also drop the resolved
    // files of packages such as bullmq or the KurrentDB client (node_modules/x/dist/...), hiding them
    // from the rules.
    exclude: { path: '^(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};

/** Unit (*.spec.ts), integration (*.int.spec.ts) and e2e (test/*.e2e-spec.ts) suites in one run. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '(\\.spec|\\.e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@pact/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@pact/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing',
  },
  testTimeout: 30000,
};

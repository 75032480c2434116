// Mutation testing (`npm run test:mutation`; slow, so not part of `npm test` or CI).
// Scope: the pure rules and the cross-cutting policies whose small bugs the rest of the suite let
// through (issue 7): email keys and consent, authentication, federation and merging, the shared
// vendor HTTP policy, log redaction and the register parser. Target: a mutation score of 80%.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const baseJest = require('./jest.config.js');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  packageManager: 'npm',
  mutate: [
    'src/domain/**/*.ts',
    'src/graphql/auth/**/*.ts',
    'src/federation/**/*.ts',
    'src/connectors/http/**/*.ts',
    'src/observability/**/*.ts',
    'src/policy/parse-register.ts',
    'src/policy/register-reader.ts',
  ],
  jest: {
    projectType: 'custom',
    // The fast tests only: unit tests plus the few integration files that drive this scope over
    // real HTTP. Each mutant runs only the tests that cover it (perTest), so the set stays cheap.
    config: {
      ...baseJest,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      // Instrumented sources read process.env (the active mutant) and change the emitted schema, so
      // the module-boundary and schema-drift checks would fail for reasons of Stryker's own.
      testPathIgnorePatterns: ['/node_modules/', '/test/unit/architecture\\.test\\.ts$', '/test/unit/schema-drift\\.test\\.ts$'],
    },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  // The machine is shared: two workers at most (override with --concurrency).
  concurrency: 2,
  timeoutMS: 10000,
  thresholds: { high: 90, low: 80, break: null },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};

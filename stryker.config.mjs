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
    // The fast, purpose-written tests of this scope: unit tests of the pure rules, the HTTP policy
    // over a loopback server, and the redaction, merge and parser rules. Tests that build the whole
    // GraphQL schema (seconds each) are left out: a static mutant (a module-level constant) re-runs
    // every test that imports its file, and those would multiply the run time without killing more.
    // Each other mutant runs only the tests that cover it (perTest).
    config: {
      ...baseJest,
      testMatch: [
        '<rootDir>/test/unit/{auth,observability,federation,domain,mutation-http}/**/*.test.ts',
        '<rootDir>/test/unit/{register,register-reader,consent-ledger,email}*.test.ts',
        '<rootDir>/test/unit/connectors/http*.test.ts',
      ],
      testPathIgnorePatterns: ['/node_modules/', '/test/unit/domain/vocabulary\\.test\\.ts$'],
    },
    // Jest runs only the tests that import a mutated file (also in the initial run).
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  // The machine is shared: two workers at most (override with --concurrency).
  concurrency: 2,
  // A mutant that makes a test hang (a governor that never starts a call) is cut after its
  // tests' normal time x 1.5 + 4 s: enough head room on a loaded machine, and cheap per hang.
  timeoutMS: 4000,
  // Below 80% the command fails (issue 7's bar for this scope).
  thresholds: { high: 90, low: 80, break: 80 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // `npm run test:mutation -- --incremental` re-tests only mutants whose code or tests changed.
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};

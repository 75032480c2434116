/** Jest: ts-jest transpiles only (types are checked once by `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  // A worker or server left running fails the run instead of hanging CI.
  detectOpenHandles: false,
  forceExit: false,
};

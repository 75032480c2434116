/** Jest: ts-jest transpiles only (types are checked once by `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  // Source written for Node's ESM resolution names files `x.js` (dynamic `import()`); tests run the `.ts`.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  // A worker or server left running fails the run instead of hanging CI.
  detectOpenHandles: false,
  forceExit: false,
};

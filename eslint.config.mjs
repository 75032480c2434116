// ESLint flat config: typed rules that catch what the compiler does not (promises nobody awaits,
// switches that forget a member of a union) and the layer rules of the README's layout.
// Formatting is Prettier's job (`npm run lint` runs `prettier --check` after ESLint).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * A layer rule: files under src/<layer> may import neither the named src/ folders nor the named npm
 * packages. no-restricted-imports matches the import text, not the resolved file, so there is one
 * block per directory depth: from src/<layer>/a/b/x.ts only `../../../store` reaches src/store, while
 * `../store` is a sibling folder of the layer's own (e.g. src/sandbox/livechat/store.ts).
 */
function layer(name, { folders, packages = [], why }) {
  return [0, 1, 2, 3, 4].map((depth) => ({
    files: [`src/${name}/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: packages.map((pkg) => ({ name: pkg, message: `src/${name}: ${why}` })),
          patterns: [
            {
              regex: `^(?:\\.\\./){${depth + 1}}(?:${folders.join('|')})(?:/|$)`,
              message: `src/${name} must not import src/{${folders.join(',')}}: ${why}`,
            },
          ],
        },
      ],
    },
  }));
}

/** The Node globals our plain JS files use (the `globals` package is not a dependency). */
const NODE_GLOBALS = { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' };

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'reports/**',
      '.stryker-tmp/**',
      'test-output/**',
      'data/**',
      'test/generated/**',
      'src/console/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The compiler (noUnusedLocals/Parameters) already reports these, with fewer false positives.
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `considerDefaultExhaustiveForUnions`: a `default: throw new UnreachableCaseError(x)` branch is
      // how a switch proves it is exhaustive (src/domain/unreachable-case.error.ts).
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/consistent-type-imports': ['warn', { fixStyle: 'inline-type-imports' }],
      // Async functions without an await are common in resolvers and test doubles that satisfy a
      // Promise-returning interface; the rule would force noise, not catch bugs.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read JSON bodies (`any` by nature) and assert on them; the no-unsafe-* family would
    // flag every `body.data.subject` without making a test more correct.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    // Plain JavaScript (jest config, build-if-needed, stryker config): no type information.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...NODE_GLOBALS, require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Layer rules (README "Layout"; test/unit/architecture.test.ts checks the same on every test run): a
  // connector knows nothing of GraphQL, the store, the sandboxes or the read path; a sandbox nothing of
  // the code it is tested against; the domain is pure; federation sits below the GraphQL edge.
  ...layer('connectors', {
    folders: ['graphql', 'store', 'sandbox', 'federation'],
    packages: ['graphql', 'type-graphql', 'typeorm'],
    why: 'connectors speak to vendors only; callers map their results',
  }),
  ...layer('domain', {
    folders: ['graphql', 'store', 'connectors', 'http'],
    packages: ['graphql', 'type-graphql', 'typeorm', 'axios', 'express'],
    why: 'the domain is pure rules',
  }),
  ...layer('sandbox', {
    folders: ['connectors', 'graphql', 'store'],
    why: 'a sandbox plays the vendor, so it shares nothing with the code it is tested against',
  }),
  ...layer('requests', {
    folders: ['graphql', 'http', 'sandbox', 'federation'],
    packages: ['graphql', 'type-graphql', 'express'],
    why: 'the request engine sits below the GraphQL edge and knows no vendor wire format',
  }),
  ...layer('federation', {
    folders: ['graphql'],
    packages: ['type-graphql'],
    why: 'the read path sits below the GraphQL edge',
  }),
  // The DPO console is browser code that talks to the gateway over HTTP only: it imports nothing
  // from the server's src/ (its typed operations are generated into src/console/generated).
  ...[0, 1, 2, 3].map((depth) => ({
    files: [`src/console/${'*/'.repeat(depth)}*.ts`, `src/console/${'*/'.repeat(depth)}*.tsx`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^(?:\\.\\./){${depth + 1}}`, message: "src/console must not import the server's code: it is an API client" },
          ],
        },
      ],
    },
  })),
  prettier,
);

import { execFileSync } from 'node:child_process';
import { fromProjectRoot } from '../../src/paths';

interface Probe {
  /** A real file of the layer: typed rules need a file the TypeScript project knows. */
  file: string;
  code: string;
}

/**
 * Lints source text as if it were `file`, with the repository's own eslint.config.mjs, in a plain
 * Node process (ESLint loads its flat config with `import()`, which Jest's VM does not support).
 * Answers the rule ids reported for each probe.
 */
function lintProbes(probes: readonly Probe[]): string[][] {
  const runner = `
    const { ESLint } = require('eslint');
    const probes = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const probe of probes) {
        const [result] = await eslint.lintText(probe.code, { filePath: probe.file });
        out.push(result.messages.map((m) => m.ruleId));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const root = fromProjectRoot();
  const stdout = execFileSync(process.execPath, ['-e', runner, JSON.stringify(probes.map((p) => ({ ...p, file: `${root}/${p.file}` })))], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as string[][];
}

describe('eslint.config.mjs', () => {
  it('when a layer imports across a forbidden boundary, then no-restricted-imports reports it; allowed imports pass', () => {
    const cases: Array<{ file: string; from: string; restricted: boolean }> = [
      { file: 'src/connectors/salesforce/api.ts', from: '../../graphql/context', restricted: true },
      { file: 'src/connectors/salesforce/api.ts', from: 'typeorm', restricted: true },
      { file: 'src/connectors/registry.ts', from: '../store/data-source', restricted: true },
      { file: 'src/connectors/registry.ts', from: '../federation/source-result', restricted: true },
      { file: 'src/domain/email.ts', from: '../store/data-source', restricted: true },
      { file: 'src/federation/merge-profile.ts', from: '../graphql/context', restricted: true },
      { file: 'src/sandbox/marketo/store.ts', from: '../../connectors/marketo/wire', restricted: true },
      // Allowed: a layer's own folders, even when one is named like a forbidden layer (the sandbox's store.ts).
      { file: 'src/connectors/salesforce/api.ts', from: '../http/chunk', restricted: false },
      { file: 'src/sandbox/livechat/actions/list-archives.ts', from: '../store', restricted: false },
      { file: 'src/domain/email.ts', from: '../policy/vocabulary', restricted: false },
    ];
    const results = lintProbes(cases.map(({ file, from }) => ({ file, code: `import * as m from '${from}';\nexport const y = [m];\n` })));
    const restricted = results.map((rules) => rules.includes('no-restricted-imports'));
    expect(cases.map(({ file, from }, index) => ({ file, from, restricted: restricted[index] }))).toEqual(cases);
  }, 60_000);

  it('when a promise is dropped or a switch misses a role, then the typed rules report it', () => {
    const code = [
      "import type { Role } from './vocabulary';",
      'async function save(): Promise<void> {}',
      'export function weight(role: Role): number {',
      '  save();',
      '  switch (role) {',
      "    case 'DPO':",
      '      return 2;',
      '  }',
      '  return 0;',
      '}',
      '',
    ].join('\n');
    const [rules] = lintProbes([{ file: 'src/domain/consent-rules.ts', code }]);
    expect(rules).toContain('@typescript-eslint/no-floating-promises');
    expect(rules).toContain('@typescript-eslint/switch-exhaustiveness-check');
  }, 60_000);
});

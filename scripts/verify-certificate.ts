import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { describeCertificate } from '../src/requests/proof/certificate-summary';
import { verifyCertificate } from '../src/requests/proof/certificate-verification';

const USAGE = 'usage: npm run verify-certificate -- CERTIFICATE_FILE [--jwks JWKS_FILE_OR_URL]';

interface Arguments {
  certificateFile: string;
  jwksSource: string;
}

/** Default: the gateway's own JWKS (GATEWAY_URL, else a gateway on this machine). */
function parseArguments(argv: readonly string[]): Arguments {
  let certificateFile: string | undefined;
  let jwksSource = `${(process.env.GATEWAY_URL ?? 'http://localhost:4000').replace(/\/+$/, '')}/.well-known/jwks.json`;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--jwks') {
      const value = argv[index + 1];
      if (!value) throw new Error(`--jwks needs a file or a URL\n${USAGE}`);
      jwksSource = value;
      index += 1;
    } else if (argument !== undefined && !argument.startsWith('--') && certificateFile === undefined) {
      certificateFile = argument;
    } else {
      throw new Error(`unexpected argument ${argument ?? ''}\n${USAGE}`);
    }
  }
  if (!certificateFile) throw new Error(USAGE);
  return { certificateFile, jwksSource };
}

async function readJwks(source: string): Promise<{ keys: JWK[] }> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(source, 'utf8');
  }
  const parsed = JSON.parse(text) as unknown;
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error(`${source} is not a JWK Set (no "keys" array)`);
  return { keys: keys as JWK[] };
}

/**
 * `npm run verify-certificate -- FILE [--jwks FILE_OR_URL]`: checks an erasure certificate offline
 * against the published keys, prints what it proves and exits 0, or says why not and exits 1.
 */
async function main(): Promise<number> {
  const { certificateFile, jwksSource } = parseArguments(process.argv.slice(2));
  const [certificate, jwks] = await Promise.all([readFile(certificateFile, 'utf8'), readJwks(jwksSource)]);
  const check = await verifyCertificate(certificate, jwks);
  if (!check.ok) {
    process.stderr.write(`NOT VALID: ${check.reason}\n`);
    return 1;
  }
  process.stdout.write(`VALID: signed by key ${check.kid} (from ${jwksSource})\n${describeCertificate(check.payload)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`NOT VALID: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

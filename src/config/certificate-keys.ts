import { createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import type { JWK } from 'jose';
import { ConfigError } from './config-error';
import type { CertificateSettings } from './config.types';

/** Next to the default SQLite file (data/gateway.sqlite), relative to the working directory like it. */
export const DEFAULT_CERTIFICATE_KEY_FILE = 'data/certificate-signing-key.json';

const KEY_FORMAT = 'a private Ed25519 key as PKCS#8 PEM (`openssl genpkey -algorithm ed25519`) or as a private JWK';

/** .env files and container secrets often carry a PEM on one line with literal "\n". */
function unescapeNewlines(raw: string): string {
  return raw.includes('-----BEGIN') && !raw.includes('\n') ? raw.replace(/\\n/g, '\n') : raw;
}

function parseJson(raw: string, name: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ConfigError(`${name}: not valid JSON`);
  }
}

/** Checks the key is an Ed25519 private key; the message never quotes the value. */
function readSigningKey(raw: string | undefined, production: boolean): string | null {
  const text = unescapeNewlines(raw?.trim() ?? '');
  if (text === '') {
    if (production) throw new ConfigError(`CERTIFICATE_SIGNING_KEY is required in production (${KEY_FORMAT})`);
    return null;
  }
  let keyType: string | undefined;
  try {
    const key = text.startsWith('{')
      ? createPrivateKey({ key: parseJson(text, 'CERTIFICATE_SIGNING_KEY') as JsonWebKey, format: 'jwk' })
      : createPrivateKey(text);
    keyType = key.asymmetricKeyType;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`CERTIFICATE_SIGNING_KEY: not readable as ${KEY_FORMAT}`);
  }
  if (keyType !== 'ed25519') throw new ConfigError(`CERTIFICATE_SIGNING_KEY: must be ${KEY_FORMAT} (got a ${keyType ?? 'different'} key)`);
  return text;
}

/** Retired keys are published so their certificates still verify: public Ed25519 JWKs only. */
function readPreviousKeys(raw: string | undefined): JWK[] {
  const text = raw?.trim() ?? '';
  if (text === '') return [];
  const list = parseJson(text, 'CERTIFICATE_PREVIOUS_KEYS');
  if (!Array.isArray(list)) throw new ConfigError('CERTIFICATE_PREVIOUS_KEYS: must be a JSON array of public JWKs');
  return list.map((entry: unknown, index) => {
    const where = `CERTIFICATE_PREVIOUS_KEYS[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new ConfigError(`${where}: must be a JWK object`);
    const jwk = entry as JWK;
    // A private part would be published in the JWKS: refuse rather than strip it silently.
    if ('d' in jwk) throw new ConfigError(`${where}: is a private key; list only the public part (kty, crv, x)`);
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
      throw new ConfigError(`${where}: must be a public Ed25519 JWK (kty "OKP", crv "Ed25519", x)`);
    try {
      createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    } catch {
      throw new ConfigError(`${where}: x is not an Ed25519 public key`);
    }
    return { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  });
}

/**
 * CERTIFICATE_SIGNING_KEY (required in production), CERTIFICATE_PREVIOUS_KEYS and, outside
 * production, CERTIFICATE_KEY_FILE where a generated key is kept when none is configured.
 */
export function readCertificateSettings(env: Readonly<Record<string, string | undefined>>, production: boolean): CertificateSettings {
  return {
    signingKey: readSigningKey(env.CERTIFICATE_SIGNING_KEY, production),
    previousKeys: readPreviousKeys(env.CERTIFICATE_PREVIOUS_KEYS),
    keyFile: env.CERTIFICATE_KEY_FILE?.trim() || DEFAULT_CERTIFICATE_KEY_FILE,
  };
}

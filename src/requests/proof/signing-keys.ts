import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, CompactSign, type JWK } from 'jose';
import { ConfigError } from '../../config/config-error';
import type { AppConfig } from '../../config/config.types';
import { type Clock, systemClock } from '../../domain/clock';
import type { Register } from '../../policy/register.types';
import type { PrivacyRequestView } from '../request.types';
import { certificatePayloadOf } from './certificate';

/** The JWS header's type: a certificate is a JWT whose claims are a CertificatePayload. */
const CERTIFICATE_TYPE = 'JWT';

export interface PublishedKeys {
  keys: JWK[];
}

/** The public half as published in the JWKS, with its RFC 7638 thumbprint as `kid`. */
async function publicJwkOf(jwk: Pick<JWK, 'kty' | 'crv' | 'x'>): Promise<JWK & { kid: string }> {
  const bare = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  return { ...bare, kid: await calculateJwkThumbprint(bare, 'sha256'), alg: 'EdDSA', use: 'sig' };
}

/**
 * Signs certificates with the current key and publishes it with the retired ones: a certificate
 * signed years ago still verifies as long as its key stays in CERTIFICATE_PREVIOUS_KEYS.
 */
export class CertificateSigner {
  constructor(
    private readonly privateKey: KeyObject,
    /** The current key's thumbprint: every certificate issued now names it. */
    readonly kid: string,
    private readonly published: readonly JWK[],
    private readonly issuer: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async issue(view: PrivacyRequestView): Promise<string> {
    const payload = certificatePayloadOf(view, this.issuer, this.clock.now());
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'EdDSA', kid: this.kid, typ: CERTIFICATE_TYPE })
      .sign(this.privateKey);
  }

  jwks(): PublishedKeys {
    return { keys: this.published.map((key) => ({ ...key })) };
  }
}

/** Config checked CERTIFICATE_SIGNING_KEY; a kept key file is checked here. Never quotes the key. */
function privateKeyOf(text: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = text.startsWith('{') ? createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' }) : createPrivateKey(text);
  } catch {
    throw new ConfigError(`${source}: not readable as a private Ed25519 key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${source}: not an Ed25519 key`);
  return key;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Outside production without a configured key: the key kept in `path`, or a new one written there
 * (0600) on first start. The file appears whole or not at all (written aside, then hard-linked in),
 * so a gateway and a worker starting together both end up with the one that won.
 */
async function keptOrGeneratedKey(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const generated = JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }));
  await mkdir(dirname(path), { recursive: true });
  const aside = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  await writeFile(aside, generated, { mode: 0o600, flag: 'wx' });
  try {
    await link(aside, path);
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return await readFile(path, 'utf8');
  } finally {
    await rm(aside, { force: true });
  }
}

/**
 * The signer from CERTIFICATE_SIGNING_KEY (config refuses production without it), else the demo
 * key kept in CERTIFICATE_KEY_FILE. The issuer is the controller named in the register.
 */
export async function loadCertificateSigner(
  config: Pick<AppConfig, 'certificates'>,
  register: Pick<Register, 'controller'>,
  clock: Clock = systemClock,
): Promise<CertificateSigner> {
  const { signingKey, previousKeys, keyFile } = config.certificates;
  const privateKey = signingKey
    ? privateKeyOf(signingKey, 'CERTIFICATE_SIGNING_KEY')
    : privateKeyOf((await keptOrGeneratedKey(keyFile)).trim(), `CERTIFICATE_KEY_FILE (${keyFile})`);
  const current = await publicJwkOf(createPublicKey(privateKey).export({ format: 'jwk' }) as JWK);
  const retired = await Promise.all(previousKeys.map(publicJwkOf));
  const published = [current, ...retired.filter((key) => key.kid !== current.kid)];
  return new CertificateSigner(privateKey, current.kid, published, register.controller.name, clock);
}

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, SignJWT, type JWK } from 'jose';
import { ConfigError, loadConfig } from '../../../src/config';
import { readCertificateSettings } from '../../../src/config/certificate-keys';
import type { CertificateSettings } from '../../../src/config/config.types';
import { TestClock } from '../../../src/domain/clock';
import type { PrivacyRequestView, PrivacyTaskView } from '../../../src/requests/request.types';
import { CertificateRefusedError, certificatePayloadOf } from '../../../src/requests/proof/certificate';
import { describeCertificate } from '../../../src/requests/proof/certificate-summary';
import { verifyCertificate } from '../../../src/requests/proof/certificate-verification';
import { type CertificateSigner, loadCertificateSigner } from '../../../src/requests/proof/signing-keys';

const EMAIL = 'jane.doe@example.org';
const REGISTER = {
  controller: {
    name: 'itslearning AS',
    email: 'privacy@example.org',
    phone: null,
    address: 'Bergen',
    dpo: { name: 'DPO', email: 'dpo@example.org', phone: null },
  },
};
const ISSUED = '2026-03-10T12:00:00.000Z';

function task(overrides: Partial<PrivacyTaskView>): PrivacyTaskView {
  return {
    id: 'task-1',
    requestId: 'req-1',
    system: 'SALESFORCE',
    processor: 'SALESFORCE',
    action: 'ERASE',
    mode: 'API',
    status: 'DONE',
    attempts: 1,
    nextAttemptAt: null,
    lastError: null,
    completedAt: new Date('2026-03-02T10:00:00.000Z'),
    detail: 'deleted',
    affected: 3,
    confirmation: null,
    verification: 'VERIFIED',
    verifiedAt: new Date('2026-03-03T10:00:00.000Z'),
    verificationDetail: null,
    ...overrides,
  };
}

function completedErasure(): PrivacyRequestView {
  return {
    id: 'req-1',
    subjectKey: 'a1b2c3d4e5f6',
    type: 'ERASURE',
    status: 'COMPLETED',
    reason: `Asked by email from ${EMAIL} on 1 March`,
    requestedBy: 'DPO:abcd1234',
    receivedAt: new Date('2026-03-01T09:00:00.000Z'),
    dueAt: new Date('2026-04-01T09:00:00.000Z'),
    extendedByMonths: 0,
    extensionReason: null,
    completedAt: new Date('2026-03-05T09:00:00.000Z'),
    overdue: false,
    blockedReason: null,
    certificate: null,
    tasks: [
      task({}),
      task({
        id: 'task-2',
        system: 'GOOGLE_ANALYTICS',
        processor: 'GOOGLE',
        affected: null,
        verification: 'UNVERIFIABLE',
        verifiedAt: null,
        verificationDetail: 'no read API',
      }),
      task({
        id: 'task-3',
        system: 'MARKETO',
        processor: 'MARKETO',
        affected: 1,
        verification: 'REMAINING',
        verificationDetail: '1 activity record kept by Marketo for 30 days',
      }),
      task({
        id: 'task-4',
        system: null,
        processor: 'PEDOWITZ_GROUP',
        mode: 'MANUAL',
        status: 'MANUAL',
        affected: null,
        verification: null,
        verifiedAt: null,
        confirmation: {
          actor: 'DPO:abcd1234',
          note: `Pedowitz confirmed deletion of ${EMAIL} by letter`,
          at: new Date('2026-03-04T15:00:00.000Z'),
        },
      }),
    ],
  };
}

function ed25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

function settings(overrides: Partial<CertificateSettings> = {}): { certificates: CertificateSettings } {
  return { certificates: { signingKey: ed25519Pem(), previousKeys: [], keyFile: '/nonexistent/never-written.json', ...overrides } };
}

async function signer(overrides: Partial<CertificateSettings> = {}): Promise<CertificateSigner> {
  return loadCertificateSigner(settings(overrides), REGISTER, new TestClock(ISSUED));
}

/** Replaces one character of a JWS segment (0 header, 1 payload, 2 signature) by another base64url one. */
function alterOneByte(jws: string, segment: number): string {
  const parts = jws.split('.');
  const text = parts[segment] ?? '';
  const at = Math.floor(text.length / 2);
  const replacement = text[at] === 'A' ? 'B' : 'A';
  parts[segment] = `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
  return parts.join('.');
}

describe('certificate payload', () => {
  it('when a completed erasure is certified, then every field is there in a fixed order and no email appears anywhere', () => {
    const payload = certificatePayloadOf(completedErasure(), 'itslearning AS', new Date(ISSUED));
    expect(Object.keys(payload)).toEqual([
      'iss',
      'iat',
      'jti',
      'requestId',
      'type',
      'reason',
      'subjectKey',
      'receivedAt',
      'dueAt',
      'completedAt',
      'tasks',
    ]);
    expect(payload).toMatchObject({
      iss: 'itslearning AS',
      iat: Date.parse(ISSUED) / 1000,
      jti: 'req-1',
      requestId: 'req-1',
      type: 'ERASURE',
      subjectKey: 'a1b2c3d4e5f6',
      receivedAt: '2026-03-01T09:00:00.000Z',
      dueAt: '2026-04-01T09:00:00.000Z',
      completedAt: '2026-03-05T09:00:00.000Z',
    });
    expect(payload.tasks).toEqual([
      {
        system: 'SALESFORCE',
        processor: 'SALESFORCE',
        action: 'ERASE',
        outcome: 'DONE',
        recordsAffected: 3,
        verification: 'VERIFIED',
        verifiedAt: '2026-03-03T10:00:00.000Z',
        remaining: null,
        manualConfirmation: null,
      },
      {
        system: 'GOOGLE_ANALYTICS',
        processor: 'GOOGLE',
        action: 'ERASE',
        outcome: 'DONE',
        recordsAffected: null,
        verification: 'UNVERIFIABLE',
        verifiedAt: 'UNVERIFIABLE',
        remaining: null,
        manualConfirmation: null,
      },
      {
        system: 'MARKETO',
        processor: 'MARKETO',
        action: 'ERASE',
        outcome: 'DONE',
        recordsAffected: 1,
        verification: 'REMAINING',
        verifiedAt: '2026-03-03T10:00:00.000Z',
        remaining: '1 activity record kept by Marketo for 30 days',
        manualConfirmation: null,
      },
      {
        system: null,
        processor: 'PEDOWITZ_GROUP',
        action: 'ERASE',
        outcome: 'MANUAL',
        recordsAffected: null,
        verification: null,
        verifiedAt: null,
        remaining: null,
        manualConfirmation: {
          actor: 'DPO:abcd1234',
          note: 'Pedowitz confirmed deletion of [email removed] by letter',
          at: '2026-03-04T15:00:00.000Z',
        },
      },
    ]);
    const serialised = JSON.stringify(payload);
    expect(serialised).not.toContain(EMAIL);
    expect(serialised).not.toContain('@');
    expect(JSON.stringify(certificatePayloadOf(completedErasure(), 'itslearning AS', new Date(ISSUED)))).toBe(serialised);
  });

  it('when the request is not completed, then no certificate is made', () => {
    expect(() => certificatePayloadOf({ ...completedErasure(), status: 'IN_PROGRESS', completedAt: null }, 'x')).toThrow(
      CertificateRefusedError,
    );
  });
});

describe('signing and offline verification', () => {
  it('when a certificate is issued, then it verifies against the JWKS, names the key by its RFC 7638 thumbprint and reads back as issued', async () => {
    const ring = await signer();
    const jws = await ring.issue(completedErasure());
    const jwks = ring.jwks();
    expect(jwks.keys).toHaveLength(1);
    const [published] = jwks.keys as [JWK];
    expect(published).not.toHaveProperty('d');
    expect(published.kid).toBe(await calculateJwkThumbprint({ kty: published.kty, crv: published.crv, x: published.x }));
    const check = await verifyCertificate(jws, jwks);
    expect(check).toEqual({
      ok: true,
      kid: published.kid,
      payload: certificatePayloadOf(completedErasure(), 'itslearning AS', new Date(ISSUED)),
    });
    const summary = describeCertificate(check.ok ? check.payload : (undefined as never));
    expect(summary).toContain('Certificate of request req-1, issued by itslearning AS at 2026-03-10T12:00:00.000Z');
    expect(summary).toContain('Subject (keyed hash of the email): a1b2c3d4e5f6');
    expect(summary).toContain('SALESFORCE ERASE: DONE, 3 records; verified empty on re-read 2026-03-03T10:00:00.000Z');
    expect(summary).toContain('GOOGLE_ANALYTICS (GOOGLE) ERASE: DONE; unverifiable');
    expect(summary).toContain('MARKETO ERASE: DONE, 1 record; re-read 2026-03-03T10:00:00.000Z: remaining 1 activity record');
    expect(summary).toContain(
      'PEDOWITZ_GROUP (no connected system) ERASE: MANUAL; not re-read; manual: confirmed by DPO:abcd1234 at 2026-03-04T15:00:00.000Z',
    );
    expect(summary.split('\n')).toHaveLength(9);
  });

  it.each([
    ['the header', 0],
    ['the payload', 1],
    ['the signature', 2],
  ])('when one byte of %s is changed, then verification fails', async (_part, segment) => {
    const ring = await signer();
    const jws = await ring.issue(completedErasure());
    const altered = alterOneByte(jws, segment);
    expect(altered).not.toBe(jws);
    expect(await verifyCertificate(altered, ring.jwks())).toMatchObject({ ok: false });
  });

  it('when the payload is swapped for another signed claim set, then the signature does not match', async () => {
    const ring = await signer();
    const [header, , signature] = (await ring.issue(completedErasure())).split('.');
    const forged = Buffer.from(JSON.stringify({ ...certificatePayloadOf(completedErasure(), 'x'), subjectKey: 'someone-else' })).toString(
      'base64url',
    );
    const check = await verifyCertificate(`${header}.${forged}.${signature}`, ring.jwks());
    expect(check).toEqual({ ok: false, reason: expect.stringContaining('signature does not match') });
  });

  it('when the key was rotated, then an old certificate verifies while its key is in CERTIFICATE_PREVIOUS_KEYS and fails once it is not', async () => {
    const retired = await signer();
    const old = await retired.issue(completedErasure());
    const [retiredPublic] = retired.jwks().keys as [JWK];
    const withRetired = await signer({ previousKeys: [{ kty: 'OKP', crv: 'Ed25519', x: retiredPublic.x }] });
    expect(withRetired.jwks().keys.map((key) => key.kid)).toEqual([withRetired.kid, retired.kid]);
    expect(await verifyCertificate(old, withRetired.jwks())).toMatchObject({ ok: true, kid: retired.kid });
    expect(await verifyCertificate(await withRetired.issue(completedErasure()), withRetired.jwks())).toMatchObject({
      ok: true,
      kid: withRetired.kid,
    });
    const without = await signer();
    expect(await verifyCertificate(old, without.jwks())).toEqual({
      ok: false,
      reason: expect.stringContaining('no published key has this kid'),
    });
  });

  it('when a token is signed with HS256 under the published kid, then it is refused for its algorithm', async () => {
    const ring = await signer();
    const claims = { ...certificatePayloadOf(completedErasure(), 'itslearning AS') };
    const [published] = ring.jwks().keys as [JWK];
    // The public x as an HMAC secret: the classic key-confusion forgery.
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: ring.kid })
      .sign(Buffer.from(published.x ?? '', 'base64url'));
    expect(await verifyCertificate(forged, ring.jwks())).toEqual({ ok: false, reason: expect.stringContaining('not EdDSA') });
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: ring.kid })).toString('base64url')}.${forged.split('.')[1] ?? ''}.`;
    expect(await verifyCertificate(unsigned, ring.jwks())).toMatchObject({ ok: false });
  });

  it('when the signing key is given as a private JWK, then it is the same key (same kid) as its PEM', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const fromPem = await signer({ signingKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() });
    const fromJwk = await signer({ signingKey: JSON.stringify(privateKey.export({ format: 'jwk' })) });
    expect(fromJwk.kid).toBe(fromPem.kid);
  });
});

describe('signing key configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'certificate-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when no key is configured outside production, then one is generated once, written 0600 and reused on restart', async () => {
    const keyFile = join(dir, 'nested', 'certificate-signing-key.json');
    const config = loadConfig({ NODE_ENV: 'development', CERTIFICATE_KEY_FILE: keyFile });
    expect(config.certificates).toEqual({ signingKey: null, previousKeys: [], keyFile });
    const first = await loadCertificateSigner(config, REGISTER);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toHaveProperty('d');
    const jws = await first.issue(completedErasure());
    const second = await loadCertificateSigner(config, REGISTER);
    expect(second.kid).toBe(first.kid);
    expect(await verifyCertificate(jws, second.jwks())).toMatchObject({ ok: true });
  });

  it('when several processes start at once without a key file, then they all end up with one key', async () => {
    const config = loadConfig({ NODE_ENV: 'development', CERTIFICATE_KEY_FILE: join(dir, 'key.json') });
    const kids = await Promise.all(Array.from({ length: 8 }, async () => (await loadCertificateSigner(config, REGISTER)).kid));
    expect(new Set(kids).size).toBe(1);
  });

  it('when the default applies, then the key is kept next to the default SQLite file', () => {
    expect(loadConfig({}).certificates.keyFile).toBe('data/certificate-signing-key.json');
  });

  it('when production has no CERTIFICATE_SIGNING_KEY, then startup refuses naming it', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_TOKENS: 'DPO:0123456789abcdef0123',
      AUDIT_PSEUDONYM_KEY: 'c3a91f0e5b7d24e8a6f1093bd5ce7a42',
    };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/CERTIFICATE_SIGNING_KEY is required in production/);
    expect(() => readCertificateSettings({ CERTIFICATE_SIGNING_KEY: '   ' }, true)).toThrow(
      /CERTIFICATE_SIGNING_KEY is required in production/,
    );
  });

  it('when production has a PEM with escaped newlines (one-line secret), then it is accepted', () => {
    const pem = ed25519Pem().replace(/\n/g, '\\n');
    expect(readCertificateSettings({ CERTIFICATE_SIGNING_KEY: pem }, true).signingKey).toContain('-----BEGIN PRIVATE KEY-----\n');
  });

  it('when the key is not Ed25519 or not a key, then startup refuses naming the variable and never the value', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    for (const value of [rsa, 'not-a-key-secret-material', '{"kty":"OKP"']) {
      let message = '';
      try {
        readCertificateSettings({ CERTIFICATE_SIGNING_KEY: value }, true);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^CERTIFICATE_SIGNING_KEY/);
      expect(message).not.toContain(value.slice(0, 20));
    }
  });

  it('when CERTIFICATE_PREVIOUS_KEYS holds a private key or a non-Ed25519 key, then startup refuses it', () => {
    const privateJwk = JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }));
    expect(() => readCertificateSettings({ CERTIFICATE_PREVIOUS_KEYS: `[${privateJwk}]` }, false)).toThrow(
      /CERTIFICATE_PREVIOUS_KEYS\[0\]: is a private key/,
    );
    expect(() => readCertificateSettings({ CERTIFICATE_PREVIOUS_KEYS: '[{"kty":"RSA","n":"x","e":"AQAB"}]' }, false)).toThrow(
      /CERTIFICATE_PREVIOUS_KEYS\[0\]: must be a public Ed25519 JWK/,
    );
    expect(() => readCertificateSettings({ CERTIFICATE_PREVIOUS_KEYS: '{"keys":[]}' }, false)).toThrow(/must be a JSON array/);
  });
});

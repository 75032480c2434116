import { compactVerify, createLocalJWKSet, errors, type JWK } from 'jose';
import type { CertificatePayload } from './certificate';

export type CertificateCheck = { ok: true; kid: string; payload: CertificatePayload } | { ok: false; reason: string };

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the signature does not match: the certificate was altered, or signed by another key under the same kid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no published key has this kid: it was signed by a key the JWKS does not list';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the algorithm is not EdDSA: only Ed25519 signatures are accepted';
  if (error instanceof errors.JWSInvalid) return `not a compact JWS: ${error.message}`;
  if (error instanceof errors.JOSEError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

function isPayload(value: unknown): value is CertificatePayload {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    typeof claims.iss === 'string' &&
    typeof claims.iat === 'number' &&
    typeof claims.jti === 'string' &&
    typeof claims.subjectKey === 'string' &&
    typeof claims.completedAt === 'string' &&
    Array.isArray(claims.tasks)
  );
}

/**
 * Checks a certificate offline against a JWKS (the gateway's /.well-known/jwks.json, or a copy the
 * DPO kept): EdDSA only, the key chosen by the header's kid, then the claims' shape.
 */
export async function verifyCertificate(jws: string, jwks: { keys: JWK[] }): Promise<CertificateCheck> {
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(jws.trim(), createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    return { ok: false, reason: 'the signed payload is not JSON' };
  }
  if (!isPayload(payload)) return { ok: false, reason: 'the signed payload is not an erasure certificate' };
  return { ok: true, kid: verified.protectedHeader.kid ?? '', payload };
}

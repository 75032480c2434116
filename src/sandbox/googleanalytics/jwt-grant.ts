/**
 * The service-account grant (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`),
 * docs/vendor-notes/googleanalytics.md#auth [I]:
 * an RS256 JWT with iss (the service account), scope, aud = the token URL, iat and exp ≤ 1 h.
 * The sandbox holds no service-account public key, so the signature is only required to be
 * present; every claim is checked as Google documents it.
 */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** Google refuses assertions that live longer than one hour. */
const MAX_ASSERTION_LIFETIME_S = 3600;
/** Clock skew Google tolerates on iat/exp [I]. */
const SKEW_S = 300;

export type JwtGrantResult = { ok: true; scopes: string[] } | { ok: false; error: 'invalid_grant' | 'invalid_scope'; description: string };

function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function checkTimes(claims: Record<string, unknown>, nowS: number): string | null {
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number') return 'Invalid JWT: iat and exp are required.';
  const shortLived = exp - iat <= MAX_ASSERTION_LIFETIME_S && exp > iat;
  const timely = iat <= nowS + SKEW_S && exp >= nowS - SKEW_S;
  if (!shortLived || !timely) {
    return 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';
  }
  return null;
}

// [I] docs/vendor-notes/googleanalytics.md#auth: service account grant, assertion = RS256 JWT (iss, scope, aud, iat, exp ≤ 1 h).
export function checkJwtAssertion(assertion: string, nowMs: number, ownTokenUrl: string): JwtGrantResult {
  const parts = assertion.split('.');
  const [headerPart = '', claimsPart = '', signature = ''] = parts;
  const header = decodeSegment(headerPart);
  const claims = decodeSegment(claimsPart);
  if (parts.length !== 3 || !header || !claims || signature === '') {
    return { ok: false, error: 'invalid_grant', description: 'Invalid JWT Signature.' };
  }
  if (header.alg !== 'RS256') return { ok: false, error: 'invalid_grant', description: 'Invalid JWT: alg must be RS256.' };
  if (typeof claims.iss !== 'string' || claims.iss === '') {
    return { ok: false, error: 'invalid_grant', description: 'Invalid JWT: iss is required.' };
  }
  if (claims.aud !== GOOGLE_TOKEN_URL && claims.aud !== ownTokenUrl) {
    return { ok: false, error: 'invalid_grant', description: 'Invalid JWT: audience must be the token endpoint.' };
  }
  const timeProblem = checkTimes(claims, Math.floor(nowMs / 1000));
  if (timeProblem) return { ok: false, error: 'invalid_grant', description: timeProblem };
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter((s) => s !== '') : [];
  if (scopes.length === 0) return { ok: false, error: 'invalid_scope', description: 'Invalid OAuth scope or ID token audience provided.' };
  return { ok: true, scopes };
}

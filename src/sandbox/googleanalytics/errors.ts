import type { Response } from 'express';

/**
 * Google's error bodies, in the two shapes this vendor uses:
 * - the API (v3 "Google JSON" style, docs/vendor-notes/googleanalytics.md#errors):
 *   `{ error: { code, message, errors: [{ domain, reason, message }], status } }`;
 * - the OAuth token endpoint (docs/vendor-notes/googleanalytics.md#auth): `{ error, error_description }`.
 */
export type GoogleReason =
  | 'authError'
  | 'insufficientPermissions'
  | 'dailyLimitExceeded'
  | 'rateLimitExceeded'
  | 'userRateLimitExceeded'
  | 'invalidParameter'
  | 'badRequest'
  | 'parseError'
  | 'required'
  | 'notFound'
  | 'requestTooLarge'
  | 'backendError';

export interface GoogleErrorItem {
  domain: string;
  reason: GoogleReason;
  message: string;
  location?: string;
  locationType?: string;
}

export interface GoogleErrorBody {
  error: { code: number; message: string; errors: GoogleErrorItem[]; status: string };
}

/** The canonical gRPC status Google prints beside each HTTP code. */
const STATUS_BY_CODE: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function googleStatusFor(code: number): string {
  return STATUS_BY_CODE[code] ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

export function googleError(
  code: number,
  reason: GoogleReason,
  message: string,
  extra: Partial<Pick<GoogleErrorItem, 'domain' | 'location' | 'locationType'>> = {},
): GoogleErrorBody {
  const item: GoogleErrorItem = { domain: extra.domain ?? 'global', reason, message };
  if (extra.location) item.location = extra.location;
  if (extra.locationType) item.locationType = extra.locationType;
  return { error: { code, message, errors: [item], status: googleStatusFor(code) } };
}

export function sendGoogleError(res: Response, body: GoogleErrorBody): void {
  res.status(body.error.code).json(body);
}

// [I] docs/vendor-notes/googleanalytics.md#errors: 401 authError / UNAUTHENTICATED for a missing, invalid or expired
// token, with the WWW-Authenticate challenge Google's front end adds.
export function sendUnauthenticated(res: Response, missing: boolean): void {
  const message = missing
    ? 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.'
    : 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.';
  res.setHeader('WWW-Authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
  sendGoogleError(res, googleError(401, 'authError', message, { location: 'Authorization', locationType: 'header' }));
}

/**
 * docs/vendor-notes/googleanalytics.md#errors: 403 insufficientPermissions (property not reachable, or a token
 * without the deletion scope).
 */
export function permissionDenied(message = 'User does not have sufficient permissions for this property.'): GoogleErrorBody {
  return googleError(403, 'insufficientPermissions', message);
}

/** The body for an injected failure of a given HTTP status (sandbox `errorRate` fault). */
export function injectedGoogleError(status: number): GoogleErrorBody {
  if (status === 401) return googleError(401, 'authError', 'Invalid Credentials');
  if (status === 403) return googleError(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded');
  if (status === 429) return rateLimitedError();
  if (status === 400) return googleError(400, 'badRequest', 'Bad Request');
  if (status === 404) return googleError(404, 'notFound', 'Not Found');
  if (status === 503) return googleError(503, 'backendError', 'The service is currently unavailable.');
  // [I] docs/vendor-notes/googleanalytics.md#errors: 500/503 backendError.
  if (status >= 500) return googleError(status, 'backendError', 'Backend Error');
  return googleError(status, 'badRequest', 'Request failed');
}

/**
 * docs/vendor-notes/googleanalytics.md#rate-limits: the short window (1.5 requests/s per property) -> 429
 * RESOURCE_EXHAUSTED / rateLimitExceeded.
 */
export function rateLimitedError(): GoogleErrorBody {
  return googleError(
    429,
    'rateLimitExceeded',
    "Quota exceeded for quota metric 'User Deletion Requests' and limit 'User Deletion Requests per second per property'.",
  );
}

/** docs/vendor-notes/googleanalytics.md#rate-limits: 500 per day per property / per calling project -> 403 dailyLimitExceeded. */
export function dailyLimitError(scope: 'property' | 'project'): GoogleErrorBody {
  return googleError(
    403,
    'dailyLimitExceeded',
    `Daily Limit Exceeded. The quota of user deletion requests per day per ${scope} has been reached.`,
  );
}

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'temporarily_unavailable'
  | 'internal_failure';

// [I] docs/vendor-notes/googleanalytics.md#auth: token errors are `{ error, error_description }`, 400 except a bad client (401).
export function sendOAuthError(res: Response, status: number, error: OAuthErrorCode, description: string): void {
  res.status(status).json({ error, error_description: description });
}

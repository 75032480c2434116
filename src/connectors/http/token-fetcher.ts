import type { ConnectedSystem } from '../connector.types';
import { ConnectorError } from '../connector-error';
import { requestToken, type TokenRequest } from './request-token';
import type { IssuedToken } from './token-cache';
import { trimTrailingSlashes } from './url';

export interface OAuthTokenSource {
  system: ConnectedSystem;
  request: TokenRequest;
  timeoutMs: number;
  /**
   * The answer's field that names the API host the token is valid on (Salesforce's
   * `instance_url`); required when set, and it must be an http(s) URL since the token follows it.
   */
  apiBaseField?: string;
  now?: () => number;
}

/**
 * The one OAuth token fetcher (Salesforce client credentials, Marketo identity, Adobe Sign and
 * Google refresh grants): calls the token endpoint and reads RFC 6749 §5.1's `access_token` and
 * `expires_in` (seconds; absent = valid until the vendor says 401). The TokenCache around it makes
 * it single-flight and refreshes a minute early.
 */
export function oauthTokenFetcher(source: OAuthTokenSource): () => Promise<IssuedToken> {
  const now = source.now ?? Date.now;
  return async () => {
    const body = await requestToken(source.system, source.request, source.timeoutMs);
    const { access_token: value, expires_in: expiresIn } = body;
    const apiBase = source.apiBaseField === undefined ? undefined : body[source.apiBaseField];
    const apiBaseValid = source.apiBaseField === undefined || (typeof apiBase === 'string' && /^https?:\/\//.test(apiBase));
    if (typeof value !== 'string' || value === '' || !apiBaseValid) {
      const what = source.apiBaseField ? `an access token or ${source.apiBaseField}` : 'an access token';
      throw new ConnectorError(source.system, 'AUTH', `${source.system} token endpoint answered without ${what}`, {
        operation: 'auth.token',
      });
    }
    const token: IssuedToken = { value, expiresAt: typeof expiresIn === 'number' ? now() + expiresIn * 1000 : null };
    if (typeof apiBase === 'string') token.apiBase = trimTrailingSlashes(apiBase);
    return token;
  };
}

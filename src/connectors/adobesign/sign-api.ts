import { ConnectorError } from '../connector-error';
import { cancelledError, raceAbort } from '../http/abortable';
import type { CallOptions } from '../http/call-options';
import { trimTrailingSlashes } from '../http/url';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { SYSTEM } from './client';
import {
  API_PATH,
  SCAN_PAGE_SIZE,
  countDocuments,
  readAgreementsPage,
  readBaseUris,
  readUserDetail,
  readUsersPage,
  type Paged,
  type SignUserAgreement,
  type SignUserDetail,
  type SignUserInfo,
} from './wire';

/** The Sign endpoints the connector uses, behind base-URI discovery (docs/vendor-notes/adobesign.md#base-url). */
export class SignApi {
  /**
   * `discovery` is shared by every per-call view of this API (see withCall) and runs on the
   * unbound `discoveryHttp`, so a caller who gives up does not fail the discovery others wait on.
   */
  constructor(
    private readonly http: VendorHttpClient,
    private readonly hostRoot: string,
    private readonly discovery: { accessPoint: Promise<string> | null } = { accessPoint: null },
    private readonly discoveryHttp: VendorHttpClient = http,
    private readonly signal?: AbortSignal,
  ) {}

  /** The same API (discovered access point included) with every request of one call bound to its options. */
  withCall(call: CallOptions | undefined): SignApi {
    return new SignApi(this.discoveryHttp.withCall(call), this.hostRoot, this.discovery, this.discoveryHttp, call?.signal);
  }

  /**
   * docs/vendor-notes/adobesign.md#base-url: `GET /api/rest/v6/baseUris` once; every later call goes to `{apiAccessPoint}api/rest/v6`.
   * A cancelled call neither starts the discovery nor waits for it.
   */
  private apiRoot(): Promise<string> {
    const signal = this.signal;
    if (!signal) return this.sharedApiRoot();
    const cancelled = (): ConnectorError => cancelledError(SYSTEM, 'baseUris', signal);
    if (signal.aborted) return Promise.reject(cancelled());
    return raceAbort(this.sharedApiRoot(), signal, cancelled);
  }

  private sharedApiRoot(): Promise<string> {
    if (!this.discovery.accessPoint) {
      this.discovery.accessPoint = this.discover().catch((error: unknown) => {
        this.discovery.accessPoint = null; // Private: a failed discovery is tried again by the next call.
        throw error;
      });
    }
    return this.discovery.accessPoint;
  }

  private async discover(): Promise<string> {
    const root = trimTrailingSlashes(this.hostRoot);
    const response = await this.discoveryHttp.send({ method: 'GET', url: `${root}/${API_PATH}/baseUris`, operation: 'baseUris' });
    const info = readBaseUris(response.data);
    const url = info ? safeUrl(info.apiAccessPoint, root) : undefined;
    if (!url)
      throw new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} answered baseUris without a usable apiAccessPoint`, {
        operation: 'baseUris',
      });
    return `${trimTrailingSlashes(url)}/${API_PATH}`;
  }

  async usersPage(cursor: string | undefined): Promise<Paged<SignUserInfo>> {
    const response = await this.http.send({
      method: 'GET',
      url: `${await this.apiRoot()}/users`,
      params: { pageSize: SCAN_PAGE_SIZE, cursor },
      operation: 'users.list',
    });
    return readUsersPage(response.data);
  }

  /** docs/vendor-notes/adobesign.md#find-by-email: hidden agreements hold personal data too, so the scan always shows them. */
  async agreementsPage(cursor: string | undefined): Promise<Paged<SignUserAgreement>> {
    const response = await this.http.send({
      method: 'GET',
      url: `${await this.apiRoot()}/agreements`,
      params: { showHiddenAgreements: true, pageSize: SCAN_PAGE_SIZE, cursor },
      operation: 'agreements.list',
    });
    return readAgreementsPage(response.data);
  }

  /** null when the user is gone. */
  async user(id: string): Promise<SignUserDetail | null> {
    const response = await this.http.sendAllowingNotFound({
      method: 'GET',
      url: `${await this.apiRoot()}/users/${encodeURIComponent(id)}`,
      operation: 'users.get',
    });
    return response ? (readUserDetail(response.data) ?? null) : null;
  }

  async putUser(id: string, body: Record<string, unknown>): Promise<void> {
    await this.http.send({
      method: 'PUT',
      url: `${await this.apiRoot()}/users/${encodeURIComponent(id)}`,
      data: body,
      operation: 'users.put',
    });
  }

  /** docs/vendor-notes/adobesign.md#delete: `PUT /users/{id}/state` `{state, comment}`. */
  async setUserState(id: string, state: 'ACTIVE' | 'INACTIVE', comment: string): Promise<void> {
    await this.http.send({
      method: 'PUT',
      url: `${await this.apiRoot()}/users/${encodeURIComponent(id)}/state`,
      data: { state, comment },
      operation: 'users.state',
    });
  }

  /** Documents still attached; null when the agreement is gone. */
  async documentCount(id: string): Promise<number | null> {
    const response = await this.http.sendAllowingNotFound({
      method: 'GET',
      url: `${await this.apiRoot()}/agreements/${encodeURIComponent(id)}/documents`,
      operation: 'agreements.documents',
    });
    return response ? countDocuments(response.data) : null;
  }

  /** docs/vendor-notes/adobesign.md#delete: true when deleted now, false when already gone (404 [I]). */
  async deleteDocuments(id: string): Promise<boolean> {
    const response = await this.http.sendAllowingNotFound({
      method: 'DELETE',
      url: `${await this.apiRoot()}/agreements/${encodeURIComponent(id)}/documents`,
      operation: 'agreements.deleteDocuments',
    });
    return response !== null;
  }

  /** docs/vendor-notes/adobesign.md#delete: only where Adobe enabled API data governance (else 403 PERMISSION_DENIED -> AUTH). */
  async deleteAgreement(id: string): Promise<boolean> {
    const response = await this.http.sendAllowingNotFound({
      method: 'DELETE',
      url: `${await this.apiRoot()}/agreements/${encodeURIComponent(id)}`,
      operation: 'agreements.delete',
    });
    return response !== null;
  }
}

/**
 * The bearer token follows apiAccessPoint, so it must be an http(s) URL, and https when the
 * configured host is https (a downgrade would send the key in clear).
 */
function safeUrl(candidate: string, configured: string): string | undefined {
  try {
    const url = new URL(candidate);
    const wantsTls = new URL(configured).protocol === 'https:';
    if (url.protocol !== 'https:' && (wantsTls || url.protocol !== 'http:')) return undefined;
    return url.toString();
  } catch {
    return undefined;
  }
}

import type { Response } from 'express';
import type { SandboxContext } from '../common/sandbox.types';
import type { SignUser } from './sign-records';
import type { AdobeSignStore } from './store';
import type { ThrottlePenalty } from './throttle';
import type { TokenRegistry } from './tokens';

export interface AdobeSignSandboxOptions {
  /**
   * Adobe support must switch on agreement deletion ("API data governance",
   * docs/vendor-notes/adobesign.md#delete); off by default.
   */
  agreementDeletionEnabled?: boolean;
  /** Lifetime of OAuth access tokens issued by `/oauth/v2/refresh` (default 3600 s, docs/vendor-notes/adobesign.md#auth). */
  accessTokenTtlSeconds?: number;
}

/** Who a call acts as: the account (integration key owner, an admin) or a user via `x-api-user`. */
export type Caller = { kind: 'ACCOUNT' } | { kind: 'USER'; user: SignUser };

/** What every route of the Sign sandbox shares. */
export interface SignDeps {
  ctx: SandboxContext;
  store: AdobeSignStore;
  tokens: TokenRegistry;
  penalty: ThrottlePenalty;
  options: Required<AdobeSignSandboxOptions>;
  apiActionId(): string;
}

export function callerOf(res: Response): Caller {
  const caller: unknown = res.locals.caller;
  if (typeof caller === 'object' && caller !== null && 'kind' in caller && caller.kind === 'USER') {
    return caller as Caller;
  }
  return { kind: 'ACCOUNT' };
}

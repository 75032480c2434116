import type { SandboxContext } from '../common/sandbox.types';
import type { ApiUsage } from './api-usage';
import type { SessionStore } from './auth';
import type { QueryCursors } from './query-cursors';
import type { SalesforceStore } from './store';

/** What the Salesforce routes share: the org's rows, sessions, API usage, open query cursors. */
export interface SalesforceDeps {
  store: SalesforceStore;
  sessions: SessionStore;
  usage: ApiUsage;
  cursors: QueryCursors;
  ctx: SandboxContext;
}

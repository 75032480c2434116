import type { ActionResult } from '../errors';
import type { LivechatStore } from '../store';
import type { ApiVersion } from '../types';

export interface ActionContext {
  store: LivechatStore;
  version: ApiVersion;
  now: number;
}

/** One Agent Chat Web API method: a validated JSON object in, a 200 body or a vendor error out. */
export type ActionHandler = (body: Record<string, unknown>, ctx: ActionContext) => ActionResult;

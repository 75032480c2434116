import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

// A plain token a client may use to correlate (its own trace id): no spaces, quotes or newlines.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Every request gets a request id generated here, whatever the client sends: the audit log and
 * the logs are keyed by it, so a caller must not be able to choose it (a viewer could file entries
 * under the DPO's request id). A client's X-Request-Id that is a plain token is kept apart as a
 * correlation id (logs and audit detail); anything else is dropped. The response carries ours.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get('x-request-id');
  const id = randomUUID();
  res.locals.requestId = id;
  res.locals.clientRequestId = incoming && SAFE_ID.test(incoming) ? incoming : null;
  res.set('x-request-id', id);
  next();
}

export function requestIdOf(res: Response): string {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : randomUUID();
}

export function clientRequestIdOf(res: Response): string | null {
  const id: unknown = res.locals.clientRequestId;
  return typeof id === 'string' ? id : null;
}

import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../observability/logger';
import { describeErrorForLog } from '../observability/redact';

function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = error.status;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  return 500;
}

/**
 * Errors raised before GraphQL (a body that is not JSON, one too large) answer in GraphQL's error
 * shape, without Express's HTML page and its stack trace.
 */
export function httpErrorHandler(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const status = statusOf(error);
    if (status >= 500) logger.error({ err: describeErrorForLog(error) }, 'http error');
    const message =
      status === 413 ? 'request body too large' : status < 500 ? 'malformed request body (expected JSON)' : 'Internal server error';
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
}

import express, { type NextFunction, type Request, type Response } from 'express';
import { sendSignError } from './errors';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON bodies only when they say so; other types are refused by `requireJson`. */
export const jsonParser = express.json({ type: 'application/json', limit: '1mb' });

/**
 * The object a PUT sends, or undefined after answering the error: a body that is not
 * `application/json` -> 415 [I], not an object -> 400 INVALID_JSON [I].
 */
export function jsonObjectBody(req: Request, res: Response): Record<string, unknown> | undefined {
  if (!req.is('application/json')) {
    // [I] docs/vendor-notes/adobesign.md#errors: wrong content type -> 415 UNSUPPORTED_MEDIA_TYPE.
    sendSignError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
    return undefined;
  }
  const body: unknown = req.body;
  if (!isRecord(body)) {
    sendSignError(res, 400, 'INVALID_JSON', 'Request body must be a JSON object');
    return undefined;
  }
  return body;
}

/** Body-parser failures (broken JSON, too large) in Sign's envelope. */
export function bodyErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!isRecord(err) || typeof err.type !== 'string') {
    next(err);
    return;
  }
  if (err.type === 'entity.too.large') {
    sendSignError(res, 413, 'INVALID_ARGUMENTS', 'Request body too large');
    return;
  }
  // [I] docs/vendor-notes/adobesign.md#errors: malformed JSON -> 400 INVALID_JSON.
  sendSignError(res, 400, 'INVALID_JSON', 'Request body is not valid JSON');
}

/** Optional string field: undefined when absent, null when not a string. */
export function optionalString(body: Record<string, unknown>, key: string): string | undefined | null {
  const value = body[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

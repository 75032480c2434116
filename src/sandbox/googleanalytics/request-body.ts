import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Reads bodies as raw bytes so that each route decides what a wrong content type or a malformed
 * body means on Google's wire, instead of express' own HTML errors.
 */
export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; params: URLSearchParams }
  | { kind: 'empty' }
  | { kind: 'malformed' }
  | { kind: 'unsupported'; contentType: string };

/** 1 MiB is far above one deletion request (a few hundred bytes); larger bodies get 413. */
const rawBody = express.raw({ type: () => true, limit: '1mb' });

function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function parseBody(req: Request): ParsedBody {
  const raw: unknown = req.body;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  const type = mediaType(req);
  if (text.trim() === '') return { kind: 'empty' };
  if (type === 'application/json') {
    try {
      return { kind: 'json', value: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'malformed' };
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { kind: 'form', params: new URLSearchParams(text) };
  return { kind: 'unsupported', contentType: type };
}

/** True when express' body reader failed because the body was over the limit. */
export function isTooLarge(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.too.large';
}

/** Wraps the raw reader so that its failures reach `onError` instead of express' HTML page. */
export function readBody(onError: (err: unknown, res: Response) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    rawBody(req, res, (err?: unknown) => {
      if (err) onError(err, res);
      else next();
    });
  };
}

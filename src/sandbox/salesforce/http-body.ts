import type { Request } from 'express';
import { sfError, type SfError } from './errors';

/** The vendor router reads raw bodies (express.raw) so that it can answer Salesforce's own parse errors. */
export function rawBody(req: Request): string {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) ? body.toString('utf8') : '';
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; error: SfError };

/**
 * PATCH bodies must be JSON: 400 INVALID_CONTENT_TYPE otherwise, 400 JSON_PARSER_ERROR on bad JSON
 * (docs/vendor-notes/salesforce.md#correct).
 */
export function readJsonBody(req: Request): JsonBody {
  if (!req.is('application/json')) {
    const type = req.headers['content-type'] ?? 'none';
    return {
      ok: false,
      status: 400,
      error: sfError('INVALID_CONTENT_TYPE', `Content type '${type}' is not supported; send application/json`),
    };
  }
  const text = rawBody(req);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unparseable JSON';
    return { ok: false, status: 400, error: sfError('JSON_PARSER_ERROR', `Unexpected token in JSON: ${detail}`) };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

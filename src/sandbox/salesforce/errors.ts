import type { Response } from 'express';

/** One entry of Salesforce's REST error array `[{message, errorCode, fields}]` (docs/vendor-notes/salesforce.md#errors). */
export interface SfError {
  message: string;
  errorCode: string;
  fields?: string[];
}

/**
 * Per-record error inside an sObject Collections result: note the key is `statusCode`
 * (docs/vendor-notes/salesforce.md#correct, #errors).
 */
export interface CollectionItemError {
  statusCode: string;
  message: string;
  fields: string[];
}

export type CollectionResult = { id: string; success: true; errors: [] } | { success: false; errors: CollectionItemError[] };

const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

export function sfError(errorCode: string, message: string, fields?: string[]): SfError {
  return fields ? { message, errorCode, fields } : { message, errorCode };
}

export function sendErrors(res: Response, status: number, errors: SfError[]): void {
  res.status(status).type('application/json;charset=UTF-8').send(JSON.stringify(errors));
}

export function sendError(res: Response, status: number, errorCode: string, message: string, fields?: string[]): void {
  sendErrors(res, status, [sfError(errorCode, message, fields)]);
}

export function sendInvalidSession(res: Response): void {
  res.setHeader('WWW-Authenticate', 'Token');
  sendError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
}

export function sendNotFound(res: Response): void {
  sendError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
}

export function sendMethodNotAllowed(res: Response, method: string, allowed: string): void {
  res.setHeader('Allow', allowed);
  sendError(res, 405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed}`);
}

/** The OAuth token endpoint speaks OAuth's own `{error, error_description}` shape (docs/vendor-notes/salesforce.md#auth). */
export function sendOAuthError(res: Response, status: number, error: string, description: string): void {
  res
    .status(status)
    .type('application/json;charset=UTF-8')
    .send(JSON.stringify({ error, error_description: description }));
}

export function itemError(statusCode: string, message: string, fields: string[] = []): CollectionResult {
  return { success: false, errors: [{ statusCode, message, fields }] };
}

export function toItemErrors(errors: SfError[]): CollectionResult {
  return {
    success: false,
    errors: errors.map((e) => ({ statusCode: e.errorCode, message: e.message, fields: e.fields ?? [] })),
  };
}

/**
 * Body of an injected failure for a status, in Salesforce's own codes ([I] docs/vendor-notes/salesforce.md#errors
 * for 500/503).
 */
export function injectedError(status: number): SfError {
  switch (status) {
    case 400:
      return sfError('INVALID_INPUT', 'Invalid request');
    case 401:
      return sfError('INVALID_SESSION_ID', 'Session expired or invalid');
    case 403:
      return sfError('API_DISABLED_FOR_ORG', 'API is not enabled for this Organization or Partner');
    case 404:
      return sfError('NOT_FOUND', NOT_FOUND_MESSAGE);
    case 405:
      return sfError('METHOD_NOT_ALLOWED', 'HTTP Method not allowed');
    case 503:
      return sfError('SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.');
    default:
      if (status >= 500) {
        return sfError(
          'UNKNOWN_EXCEPTION',
          'An unexpected error occurred. Please include this ErrorId if you contact support: 1207355321-48620 (-1331694731)',
        );
      }
      return sfError('INVALID_INPUT', `Request failed with status ${status}`);
  }
}

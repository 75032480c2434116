import type { Response } from 'express';

/**
 * Sign's error envelope `{code, message}` and the codes it uses (docs/vendor-notes/adobesign.md#errors,
 * AS-errcodes). Codes marked [I] are our best guess where the docs name none.
 */
export type SignErrorCode =
  | 'INVALID_ACCESS_TOKEN'
  | 'NO_ACCESS_TOKEN_HEADER'
  | 'INVALID_X_API_USER_HEADER'
  | 'MISSING_REQUIRED_PARAM'
  | 'INVALID_ARGUMENTS'
  | 'INVALID_PAGE_CURSOR'
  | 'INVALID_AGREEMENT_ID'
  | 'INVALID_USER_ID'
  | 'RESOURCE_MODIFIED'
  | 'PERMISSION_DENIED'
  | 'THROTTLING_TOO_MANY_REQUESTS'
  // [I] docs/vendor-notes/adobesign.md#errors: the codes below are not in the note; names follow Sign's style.
  | 'INVALID_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_FOUND'
  | 'METHOD_NOT_SUPPORTED'
  | 'MISC_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE';

export function sendSignError(res: Response, status: number, code: SignErrorCode, message: string): void {
  res.status(status).json({ code, message });
}

/** Sign's throttling answer: the wait is in the body (`retryAfter`, seconds) and in `Retry-After`. */
export function sendThrottled(res: Response, retryAfterMs: number, apiActionId: string): void {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  res.setHeader('Retry-After', String(seconds));
  res.status(429).json({
    code: 'THROTTLING_TOO_MANY_REQUESTS',
    message: `Too many requests. Retry after ${seconds} seconds (apiActionId=${apiActionId})`,
    retryAfter: seconds,
  });
}

/** An injected failure (`errorRate` fault) rendered the way Sign would answer that status. */
export function sendInjectedError(res: Response, status: number, apiActionId: string): void {
  switch (status) {
    case 401:
      sendSignError(res, 401, 'INVALID_ACCESS_TOKEN', 'Access token provided is invalid or has expired');
      return;
    case 403:
      sendSignError(res, 403, 'PERMISSION_DENIED', 'The API caller does not have the permission to execute this operation');
      return;
    case 404:
      sendSignError(res, 404, 'NOT_FOUND', 'Resource not found');
      return;
    case 429:
      sendThrottled(res, 1000, apiActionId);
      return;
    case 503:
      sendSignError(res, 503, 'SERVICE_UNAVAILABLE', `Service temporarily unavailable (apiActionId=${apiActionId})`);
      return;
    default:
      if (status >= 500)
        sendSignError(res, status, 'MISC_SERVER_ERROR', `Some miscellaneous error has occurred (apiActionId=${apiActionId})`);
      else sendSignError(res, status, 'INVALID_ARGUMENTS', 'Invalid arguments');
  }
}

import type { Response } from 'express';

/**
 * SurveyMonkey's error envelope and id table (docs/vendor-notes/surveymonkey.md#errors, the public docs' "Error Codes"):
 * `{ "error": { "id": "1020", "name", "docs", "message", "http_status_code": 404 } }`. Ids are strings
 * on the wire, as in the docs.
 */
const SM_ERRORS = {
  '1000': { status: 400, name: 'Bad Request', message: 'Unable to process the request with the provided input.' },
  '1001': { status: 400, name: 'Bad Request', message: 'The body provided was not a proper JSON string.' },
  '1002': { status: 400, name: 'Bad Request', message: 'Invalid schema in the body provided.' },
  '1003': { status: 400, name: 'Bad Request', message: 'Invalid URL parameters.' },
  '1004': { status: 400, name: 'Bad Request', message: 'Invalid request headers.' },
  '1010': { status: 401, name: 'Authorization Error', message: 'The authorization token was not provided.' },
  '1011': { status: 401, name: 'Authorization Error', message: 'The authorization token provided was invalid.' },
  '1012': { status: 401, name: 'Authorization Error', message: 'The authorization token provided has expired.' },
  '1013': { status: 401, name: 'Authorization Error', message: 'Client revoked access to the authorization token provided.' },
  '1014': { status: 403, name: 'Permission Error', message: 'Permission has not been granted by the user to make this request.' },
  '1015': { status: 403, name: 'Permission Error', message: 'The user does not have the required plan to make this request.' },
  '1016': { status: 403, name: 'Permission Error', message: 'The user does not have permission to access the resource.' },
  '1017': { status: 403, name: 'Permission Error', message: 'The user has hit a quota limit on this resource.' },
  '1020': { status: 404, name: 'Resource Not Found', message: 'There was an error retrieving the requested resource.' },
  '1025': {
    status: 409,
    name: 'Resource Conflict',
    message: 'Unable to complete the request due to a conflict. Check the settings for the resource.',
  },
  '1026': { status: 409, name: 'Resource Conflict', message: 'The requested resource already exists.' },
  '1030': { status: 413, name: 'Request Entity Too Large', message: 'The requested entity is too large, it can not be returned.' },
  '1040': { status: 429, name: 'Rate Limit Reached', message: 'Too many requests were made, try again later.' },
  '1050': { status: 500, name: 'Internal Server Error', message: "Oh bananas! We couldn't process your request." },
  '1051': { status: 503, name: 'Internal Server Error', message: 'Service unreachable. Please try again later.' },
  '1052': { status: 404, name: 'User Soft Deleted', message: 'The user you are making this request for has been soft deleted.' },
  '1053': { status: 410, name: 'User Deleted', message: 'The user you are making this request for has been deleted.' },
} as const;

export type SmErrorId = keyof typeof SM_ERRORS;

const DOCS_URL = 'https://developer.surveymonkey.com/api/v3/#error-codes';

export interface SmErrorBody {
  error: { id: string; name: string; docs: string; message: string; http_status_code: number };
}

function errorBody(id: SmErrorId, message?: string): SmErrorBody {
  const entry = SM_ERRORS[id];
  return {
    error: { id, name: entry.name, docs: DOCS_URL, message: message ?? entry.message, http_status_code: entry.status },
  };
}

/** Sends the vendor's error for `id`, with its documented HTTP status. */
export function sendError(res: Response, id: SmErrorId, message?: string): void {
  res.status(SM_ERRORS[id].status).json(errorBody(id, message));
}

/** The error id SurveyMonkey uses for an HTTP status (for injected faults); unknown 4xx/5xx fall back to 1000/1050. */
function errorIdForStatus(status: number): SmErrorId {
  const byStatus: Record<number, SmErrorId> = {
    400: '1000',
    401: '1011',
    403: '1016',
    404: '1020',
    409: '1025',
    410: '1053',
    413: '1030',
    429: '1040',
    500: '1050',
    503: '1051',
  };
  return byStatus[status] ?? (status >= 500 ? '1050' : '1000');
}

/** Sends an injected fault: the vendor's body for the id of `status`, but with exactly that HTTP status. */
export function sendInjectedError(res: Response, status: number): void {
  const id = errorIdForStatus(status);
  const body = errorBody(id);
  body.error.http_status_code = status;
  res.status(status).json(body);
}

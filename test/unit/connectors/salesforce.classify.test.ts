import { classifySalesforceResponse } from '../../../src/connectors/salesforce/classify';

// docs/vendor-notes/salesforce.md#composite: a composite answer is HTTP 200 with each subrequest's own status and body.
const composite = (...results: Array<[number, unknown]>) => ({
  status: 200,
  headers: {},
  data: {
    compositeResponse: results.map(([httpStatusCode, body], index) => ({
      body,
      httpHeaders: {},
      httpStatusCode,
      referenceId: `query${index}`,
    })),
  },
});
const page = { totalSize: 0, done: true, records: [] };
const error = (errorCode: string) => [{ message: 'x', errorCode }];

describe('Salesforce verdicts of composite answers', () => {
  it('when every subrequest succeeded, then OK', () => {
    expect(classifySalesforceResponse(composite([200, page], [200, page]))).toEqual({ outcome: 'OK' });
  });

  it.each([
    [503, 'SERVER_UNAVAILABLE', { outcome: 'TRANSIENT', vendorCode: 'SERVER_UNAVAILABLE' }],
    [500, 'UNKNOWN_EXCEPTION', { outcome: 'SERVER_ERROR', vendorCode: 'UNKNOWN_EXCEPTION' }],
    [401, 'INVALID_SESSION_ID', { outcome: 'AUTH_EXPIRED', vendorCode: 'INVALID_SESSION_ID' }],
    [403, 'REQUEST_LIMIT_EXCEEDED', { outcome: 'RATE_LIMITED', retryAfterMs: 1_000, vendorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    [403, 'INSUFFICIENT_ACCESS', { outcome: 'AUTH', vendorCode: 'INSUFFICIENT_ACCESS' }],
    [400, 'MALFORMED_QUERY', { outcome: 'PERMANENT', vendorCode: 'MALFORMED_QUERY' }],
  ])('when a subrequest answers %i %s, then the call reads as that answer alone would', (status, code, verdict) => {
    expect(classifySalesforceResponse(composite([200, page], [status, error(code)]), 1_000)).toMatchObject(verdict);
    expect(classifySalesforceResponse({ status, headers: {}, data: error(code) }, 1_000)).toMatchObject(verdict);
  });

  it('when a limit breach answers without a referenceId, then PERMANENT LIMIT_EXCEEDED', () => {
    const refused = {
      status: 200,
      headers: {},
      data: { compositeResponse: [{ body: error('LIMIT_EXCEEDED'), httpHeaders: {}, httpStatusCode: 400, referenceId: null }] },
    };
    expect(classifySalesforceResponse(refused)).toEqual({ outcome: 'PERMANENT', vendorCode: 'LIMIT_EXCEEDED' });
  });
});

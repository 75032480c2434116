import type { Request, Response, Router } from 'express';
import { visibleAgreement } from './agreements.routes';
import { jsonObjectBody } from './body';
import { sendSignError } from './errors';
import type { SignDeps } from './sandbox-deps';

function putVisibility(deps: SignDeps) {
  return (req: Request, res: Response): void => {
    const agreement = visibleAgreement(deps, req, res);
    if (!agreement) return;
    const body = jsonObjectBody(req, res);
    if (!body) return;
    const visibility = body.visibility;
    if (visibility === undefined) {
      return sendSignError(res, 400, 'MISSING_REQUIRED_PARAM', 'Required parameter visibility is missing');
    }
    if (visibility !== 'HIDE' && visibility !== 'SHOW') {
      return sendSignError(res, 400, 'INVALID_ARGUMENTS', 'visibility must be HIDE or SHOW');
    }
    // [I] docs/vendor-notes/adobesign.md#delete: re-HIDE (or re-SHOW) -> 204 again. The sandbox keeps one flag, not one per user.
    deps.store.updateAgreement(agreement.id, { hidden: visibility === 'HIDE' });
    res.status(204).end();
  };
}

function deleteDocuments(deps: SignDeps) {
  return (req: Request, res: Response): void => {
    const agreement = visibleAgreement(deps, req, res);
    if (!agreement) return;
    const ifMatch = req.get('if-match');
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== deps.store.agreementEtag(agreement.id)) {
      // docs/vendor-notes/adobesign.md#delete [V: AS-sdk]: a stale ETag -> 412 RESOURCE_MODIFIED.
      return sendSignError(res, 412, 'RESOURCE_MODIFIED', 'The resource has been modified since the ETag was issued');
    }
    if (agreement.documentsDeleted) {
      // [I] docs/vendor-notes/adobesign.md#delete: a second document delete -> 404 INVALID_AGREEMENT_ID (treat as gone).
      return sendSignError(res, 404, 'INVALID_AGREEMENT_ID', 'The documents of this agreement were already deleted');
    }
    deps.store.updateAgreement(agreement.id, { documents: [], documentsDeleted: true });
    // [I] docs/vendor-notes/adobesign.md#delete: 204 with no body.
    res.status(204).end();
  };
}

function deleteAgreement(deps: SignDeps) {
  return (req: Request, res: Response): void => {
    const agreement = visibleAgreement(deps, req, res);
    if (!agreement) return;
    if (!deps.options.agreementDeletionEnabled) {
      // [I] docs/vendor-notes/adobesign.md#delete: deletion is off until Adobe enables "API data governance" ->
      // 403 PERMISSION_DENIED.
      return sendSignError(res, 403, 'PERMISSION_DENIED', 'Agreement deletion is not enabled for this account');
    }
    deps.store.deleteAgreement(agreement.id);
    // [I] docs/vendor-notes/adobesign.md#delete: 204; a repeat delete finds nothing -> 404 INVALID_AGREEMENT_ID
    // (visibleAgreement).
    res.status(204).end();
  };
}

export function mountAgreementActionRoutes(router: Router, deps: SignDeps): void {
  router.put('/api/rest/v6/agreements/:agreementId/me/visibility', putVisibility(deps));
  router.delete('/api/rest/v6/agreements/:agreementId/documents', deleteDocuments(deps));
  router.delete('/api/rest/v6/agreements/:agreementId', deleteAgreement(deps));
}

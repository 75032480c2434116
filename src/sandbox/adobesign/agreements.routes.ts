import type { Request, Response, Router } from 'express';
import { toAgreementInfo, toMembersInfo, toUserAgreement, visibleTo } from './agreement-views';
import { sendSignError } from './errors';
import { pageInfo, parseCursor, parsePageSize } from './paging';
import { callerOf, type SignDeps } from './sandbox-deps';
import type { SignAgreement } from './sign-records';

/** The agreement `{agreementId}` names, if this caller can see it; answers 404 itself. */
export function visibleAgreement(deps: SignDeps, req: Request, res: Response): SignAgreement | undefined {
  const agreement = deps.store.agreement(String(req.params.agreementId));
  if (!agreement || !visibleTo(callerOf(res))(agreement)) {
    // [I] docs/vendor-notes/adobesign.md#errors: an agreement the caller cannot see answers like an unknown one.
    sendSignError(res, 404, 'INVALID_AGREEMENT_ID', 'The agreement id specified is invalid');
    return undefined;
  }
  return agreement;
}

function parseShowHidden(raw: unknown): boolean | null {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  return null;
}

function listAgreements(deps: SignDeps) {
  return (req: Request, res: Response): void => {
    const showHidden = parseShowHidden(req.query.showHiddenAgreements);
    if (showHidden === null) {
      return sendSignError(res, 400, 'INVALID_ARGUMENTS', 'showHiddenAgreements must be true or false');
    }
    const size = parsePageSize(req.query.pageSize);
    if (!size.ok) return sendSignError(res, 400, size.code, size.message);
    const after = parseCursor('agreements', req.query.cursor);
    if (!after.ok) return sendSignError(res, 400, after.code, after.message);
    const visible = visibleTo(callerOf(res));
    // docs/vendor-notes/adobesign.md#delete: hidden agreements are listed only with showHiddenAgreements=true.
    const keep = (a: SignAgreement): boolean => visible(a) && (showHidden || !a.hidden);
    const page = deps.store.agreementPage(after.value, size.value, keep);
    res.json({ userAgreementList: page.items.map(toUserAgreement), page: pageInfo('agreements', page.nextAfter) });
  };
}

export function mountAgreementRoutes(router: Router, deps: SignDeps): void {
  router.get('/api/rest/v6/agreements', listAgreements(deps));
  router.get('/api/rest/v6/agreements/:agreementId', (req, res) => {
    const agreement = visibleAgreement(deps, req, res);
    if (!agreement) return;
    res.setHeader('ETag', deps.store.agreementEtag(agreement.id) ?? '');
    res.json(toAgreementInfo(agreement));
  });
  router.get('/api/rest/v6/agreements/:agreementId/members', (req, res) => {
    const agreement = visibleAgreement(deps, req, res);
    if (agreement) res.json(toMembersInfo(agreement, callerOf(res)));
  });
  router.get('/api/rest/v6/agreements/:agreementId/documents', (req, res) => {
    const agreement = visibleAgreement(deps, req, res);
    if (!agreement) return;
    // [I] docs/vendor-notes/adobesign.md#delete: after the documents were deleted the agreement lists none.
    res.json({ documents: agreement.documents, supportingDocuments: [] });
  });
}

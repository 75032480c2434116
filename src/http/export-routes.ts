import express, { type Request, type Response, type Router } from 'express';
import type { GatewayServices } from '../graphql/context';
import type { AuditRecord } from '../store/audit.repository';
import { authenticateRequest } from './authenticate-request';
import { requestIdOf } from './request-id';

/** Request ids are UUIDs; anything else cannot name a request (and is never echoed). */
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const OPERATION = 'downloadAccessExport';

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: message, code });
}

/**
 * `GET /exports/:id`: a completed access request's document as a JSON file, for the DPO only.
 * 401 without a valid bearer token, 403 for another role (audited as DENIED), 404 for no access
 * request with this id, 409 while it is not completed, 410 once its retention has passed
 * (EXPORT_RETENTION_DAYS). Every answer about a request is audited under the person before it is sent.
 */
export function exportRoutes(services: GatewayServices): Router {
  const router = express.Router();
  router.get('/exports/:id', async (req: Request<{ id: string }>, res: Response) => {
    const requestId = requestIdOf(res);
    let viewer;
    try {
      viewer = authenticateRequest(services, req.get('authorization'), requestId);
    } catch {
      res.set('www-authenticate', 'Bearer');
      refuse(res, 401, 'UNAUTHENTICATED', 'a valid bearer token is required');
      return;
    }
    const audit = (outcome: AuditRecord['outcome'], subjectKey: string | null, detail: string) =>
      services.audit.record([
        { actor: viewer.label, role: viewer.role, operation: OPERATION, subjectEmail: null, subjectKey, outcome, requestId, detail },
      ]);
    if (viewer.role !== 'DPO') {
      await audit('DENIED', null, 'needs DPO');
      refuse(res, 403, 'FORBIDDEN', 'access exports are for the DPO only');
      return;
    }
    const id = req.params.id;
    const stored = REQUEST_ID.test(id) ? await services.accessExports.read(id) : ({ state: 'UNKNOWN' } as const);
    switch (stored.state) {
      case 'UNKNOWN':
        await audit('OK', null, 'not found');
        refuse(res, 404, 'NOT_FOUND', 'no access request has this id');
        return;
      case 'NOT_READY':
        await audit('OK', stored.subjectKey, `${id} not ready`);
        refuse(res, 409, 'NOT_READY', 'the access request is not completed yet');
        return;
      case 'EXPIRED':
        await audit('OK', stored.subjectKey, `${id} expired`);
        refuse(res, 410, 'EXPIRED', 'the export was deleted after its retention period');
        return;
      case 'READY':
        await audit('OK', stored.subjectKey, `${id} downloaded`);
        res.set('content-disposition', `attachment; filename="access-export-${id}.json"`);
        res.set('cache-control', 'no-store');
        res.type('application/json').send(JSON.stringify(stored.document, null, 2));
        return;
    }
  });
  return router;
}

import type { Request, Response, Router } from 'express';
import type { SandboxContext, VendorSandbox } from '../common/sandbox.types';
import {
  codeForInjectedStatus,
  fail,
  failKnown,
  newRequestId,
  rateLimitMessage,
  sendHttpError,
  sendIdentityError,
  toEnvelope,
} from './errors';
import { identityRouter } from './identity-route';
import { restRouter } from './rest-router';
import { MARKETO_RATE_LIMIT, MarketoRuntime, type MarketoSandboxOptions } from './runtime';
import { seedLeads } from './seed';

export { MARKETO_DAILY_QUOTA, MARKETO_MAX_CONCURRENT, MARKETO_RATE_LIMIT, type MarketoSandboxOptions } from './runtime';

function mountRoutes(router: Router, runtime: MarketoRuntime): void {
  const { store, tokens, gate, window, quota, clock, random, rateLimit, observeFaults } = runtime;
  router.use((req, _res, next) => {
    gate.watch(req);
    next();
  });
  router.use('/identity', identityRouter({ tokens, clock, random, observeFaults, ...runtime.credentials() }));
  router.use('/rest', restRouter({ store, tokens, gate, window, quota, clock, random, rateLimit, observeFaults }));
  router.use((_req, res) => {
    res.status(404).type('text/html').send('<html><body><h1>404 Not Found</h1></body></html>');
  });
}

/** A Marketo Engage REST API (docs/vendor-notes/marketo.md) with its identity service, on one host. */
export function createMarketoSandbox(options: MarketoSandboxOptions = {}): VendorSandbox {
  const runtime = new MarketoRuntime(options);
  const envelope = (res: Response, code: Parameters<typeof failKnown>[0]): void => {
    res.status(200).json(toEnvelope(failKnown(code), newRequestId(runtime.random, runtime.clock())));
  };
  return {
    name: 'marketo',
    defaultRateLimit: MARKETO_RATE_LIMIT,
    mount(router: Router, ctx: SandboxContext): void {
      runtime.attach(ctx);
      mountRoutes(router, runtime);
    },
    records: () => ({ leads: runtime.store.all() }),
    seed: (body) => seedLeads(body, runtime.store, runtime.clock()),
    reset: () => runtime.reset(),
    // Private: Marketo counts only calls that succeed (docs/vendor-notes/marketo.md#rate-limits), which is known after
    // the call; the REST router keeps its own window and answers 606 itself, so the shared counter stays idle.
    countsTowardRateLimit: () => false,
    renderInjectedError(req: Request, res: Response, status: number): void {
      // [I] the identity service fails with bare HTTP statuses and an OAuth-style body.
      if (req.path.startsWith('/identity/')) {
        return sendIdentityError(res, status, status >= 500 ? 'server_error' : 'invalid_request', 'Injected failure');
      }
      const code = codeForInjectedStatus(status);
      if (code === 'http') return sendHttpError(res, status);
      envelope(res, code);
    },
    renderRateLimited(_req: Request, res: Response): void {
      const limit = runtime.rateLimit();
      res
        .status(200)
        .json(toEnvelope(fail('606', rateLimitMessage(limit.limit, limit.windowMs)), newRequestId(runtime.random, runtime.clock())));
    },
  };
}

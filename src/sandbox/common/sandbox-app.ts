import express, { type NextFunction, type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { CallLog, limitRefusalOf, markLimitRefusal, subrequestsOf } from './call-log';
import { DEFAULT_FAULTS, mergeFaults, type FaultSettings } from './faults';
import { seededRandom, type Random } from './rng';
import type { SandboxContext, VendorSandbox } from './sandbox.types';
import { WindowCounter } from './window-counter';

export interface RunningSandbox {
  readonly name: VendorSandbox['name'];
  readonly url: string;
  close(): Promise<void>;
}

interface SandboxState {
  faults: FaultSettings;
  faultRandom: Random;
  dataRandom: Random;
  baseUrl: string;
  counter: WindowCounter | null;
}

const CONTROL_PREFIX = '/__sandbox';

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function configureCounter(state: SandboxState, vendor: VendorSandbox): void {
  const limit = state.faults.rateLimit ?? vendor.defaultRateLimit;
  state.counter = limit ? new WindowCounter(limit.limit, limit.windowMs) : null;
}

function controlRouter(vendor: VendorSandbox, state: SandboxState, log: CallLog): express.Router {
  const router = express.Router();
  router.use((req, res, next) => {
    // Private: the control surface is for tests and the demo on this machine only.
    if (!isLoopback(req.socket.remoteAddress)) {
      res.status(403).json({ error: 'sandbox control is loopback-only' });
      return;
    }
    next();
  });
  router.get('/records', (_req, res) => {
    res.json(vendor.records());
  });
  router.post('/records', (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      res.status(400).json({ error: 'body must be { "<collection>": [records] }' });
      return;
    }
    const result = vendor.seed(body as Record<string, unknown>);
    if (!result.ok) {
      res.status(400).json({ error: result.error });
      return;
    }
    res.json(result.records);
  });
  router.patch('/records/:collection/:id', (req, res) => {
    const body: unknown = req.body;
    if (!vendor.modify) {
      res.status(404).json({ error: `the ${vendor.name} sandbox does not modify records` });
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      res.status(400).json({ error: 'body must be { "<field>": value }' });
      return;
    }
    const result = vendor.modify(String(req.params.collection), String(req.params.id), body as Record<string, unknown>);
    if (!result.ok) {
      res.status(400).json({ error: result.error });
      return;
    }
    res.json(result.records);
  });
  router.get('/calls', (_req, res) => {
    res.json(log.list());
  });
  router.post('/faults', (req, res) => {
    const merged = mergeFaults(state.faults, req.body);
    if (!merged.ok) {
      res.status(400).json({ error: merged.error });
      return;
    }
    const reseed = merged.faults.seed !== state.faults.seed;
    state.faults = merged.faults;
    if (reseed) state.faultRandom = seededRandom(state.faults.seed);
    configureCounter(state, vendor);
    res.json(state.faults);
  });
  router.post('/reset', (_req, res) => {
    state.faults = { ...DEFAULT_FAULTS };
    state.faultRandom = seededRandom(DEFAULT_FAULTS.seed);
    state.dataRandom = seededRandom(DEFAULT_FAULTS.seed);
    configureCounter(state, vendor);
    log.clear();
    vendor.reset(state.dataRandom);
    res.json({ ok: true });
  });
  return router;
}

function latencyFor(faults: FaultSettings, random: Random): number {
  if (faults.latencyMaxMs === null || faults.latencyMaxMs <= faults.latencyMs) return faults.latencyMs;
  return faults.latencyMs + random() * (faults.latencyMaxMs - faults.latencyMs);
}

/** Latency, hangs, injected errors and the rate-limit window, applied before the vendor's routes. */
function faultMiddleware(vendor: VendorSandbox, state: SandboxState) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const faults = state.faults;
    const proceed = (): void => {
      if (faults.timeoutRate > 0 && state.faultRandom() < faults.timeoutRate) return; // hang: never answer
      if (faults.errorRate > 0 && state.faultRandom() < faults.errorRate) {
        vendor.renderInjectedError(req, res, faults.status);
        return;
      }
      const counter = state.counter;
      if (counter && vendor.countsTowardRateLimit(req)) {
        const waitMs = counter.tryTake();
        if (waitMs > 0) {
          markLimitRefusal(res, 'window');
          vendor.renderRateLimited(req, res, waitMs);
          return;
        }
      }
      next();
    };
    const delay = latencyFor(faults, state.faultRandom);
    if (delay > 0) setTimeout(proceed, delay);
    else proceed();
  };
}

function callLogger(log: CallLog) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const at = new Date().toISOString();
    const path = req.path;
    const query = { ...(req.query as Record<string, unknown>) };
    res.on('finish', () => {
      const limit = limitRefusalOf(res);
      const subrequests = subrequestsOf(res);
      log.record({
        method: req.method,
        path,
        query,
        status: res.statusCode,
        at,
        ...(limit ? { limit } : {}),
        ...(subrequests ? { subrequests } : {}),
      });
    });
    next();
  };
}

/** Builds the express app of one sandbox: control routes, call log, faults, then the vendor. */
function buildSandboxApp(vendor: VendorSandbox): { app: express.Express; state: SandboxState } {
  const log = new CallLog();
  const state: SandboxState = {
    faults: { ...DEFAULT_FAULTS },
    faultRandom: seededRandom(DEFAULT_FAULTS.seed),
    dataRandom: seededRandom(DEFAULT_FAULTS.seed),
    baseUrl: '',
    counter: null,
  };
  configureCounter(state, vendor);
  vendor.reset(state.dataRandom);

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(CONTROL_PREFIX, express.json({ limit: '20mb' }), controlRouter(vendor, state, log));
  app.use(callLogger(log));
  app.use(faultMiddleware(vendor, state));
  const context: SandboxContext = {
    faults: () => state.faults,
    baseUrl: () => state.baseUrl,
    now: () => Date.now(),
    random: () => state.dataRandom(),
    rateWindow: () =>
      state.counter
        ? { limit: state.counter.currentLimit, remaining: state.counter.remaining(), resetMs: state.counter.msUntilReset() }
        : null,
  };
  const vendorRouter = express.Router();
  vendor.mount(vendorRouter, context);
  app.use(vendorRouter);
  return { app, state };
}

/** Starts one sandbox on loopback (port 0 = a free port). */
export async function startSandbox(vendor: VendorSandbox, port = 0, host = '127.0.0.1'): Promise<RunningSandbox> {
  const { app, state } = buildSandboxApp(vendor);
  // Vendors answer long URLs themselves (Marketo 414 past 8 KB); Node's 16 KB default would answer 431 first.
  const server: Server = createServer({ maxHeaderSize: 65_536 }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  state.baseUrl = `http://${host}:${address.port}`;
  return {
    name: vendor.name,
    url: state.baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        // Private: hung requests (timeoutRate) would keep close() waiting forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The six vendor sandboxes with a tap on each vendor router: every call's request and response
 * bodies as text, beside the shared call log (which keeps method, path, query and status only).
 * Tests need the bodies to tell which subjects a write touched (Marketo's delete ids, LiveChat's
 * customer id) and to see limits that answer 200 (Marketo's 606 and 615 are in the body).
 */
import type { NextFunction, Request, Response, Router } from 'express';
import type { RunningSandboxes, SandboxName } from '../../src/sandbox';
import { SANDBOX_NAMES } from '../../src/sandbox';
import { createAdobeSignSandbox } from '../../src/sandbox/adobesign/adobesign.sandbox';
import { createGoogleAnalyticsSandbox } from '../../src/sandbox/googleanalytics/googleanalytics.sandbox';
import { createLivechatSandbox } from '../../src/sandbox/livechat/livechat.sandbox';
import { createMarketoSandbox } from '../../src/sandbox/marketo/marketo.sandbox';
import { createSalesforceSandbox } from '../../src/sandbox/salesforce/salesforce.sandbox';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/common/sandbox-app';
import type { SandboxContext, VendorSandbox } from '../../src/sandbox/common/sandbox.types';
import { createSurveyMonkeySandbox } from '../../src/sandbox/surveymonkey/surveymonkey.sandbox';

export interface WireCall {
  sandbox: SandboxName;
  method: string;
  /** Path and query string as sent. */
  url: string;
  status: number;
  request: string;
  response: string;
}

export interface TappedSandboxes extends RunningSandboxes {
  /** Calls that reached a vendor's routes, in the order they finished. */
  wire: WireCall[];
  /** Calls the shared rate window refused before the vendor's routes saw them. */
  windowRefusals: Array<{ sandbox: SandboxName; method: string; url: string }>;
}

function createSandbox(name: SandboxName): VendorSandbox {
  switch (name) {
    case 'salesforce':
      return createSalesforceSandbox();
    case 'marketo':
      return createMarketoSandbox();
    case 'livechat':
      return createLivechatSandbox();
    case 'surveymonkey':
      // The raised daily quota of demo mode: a load test must not end on SurveyMonkey's 500 calls a day.
      return createSurveyMonkeySandbox({ dailyLimit: 1_000_000 });
    case 'adobesign':
      return createAdobeSignSandbox();
    case 'googleanalytics':
      return createGoogleAnalyticsSandbox();
  }
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (typeof body === 'string') return body;
  return JSON.stringify(body);
}

function tap(name: SandboxName, wire: WireCall[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown): void => {
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) chunks.push(Buffer.from(chunk));
    };
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    // Private: write/end are overloaded; the wrappers pass every argument through unchanged.
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return (end as (...args: unknown[]) => Response)(chunk, ...rest);
    }) as typeof res.end;
    res.on('finish', () =>
      wire.push({
        sandbox: name,
        method: req.method,
        url: req.originalUrl,
        status: res.statusCode,
        request: bodyText(req.body),
        response: Buffer.concat(chunks).toString('utf8'),
      }),
    );
    next();
  };
}

function tapped(vendor: VendorSandbox, found: TappedSandboxes['windowRefusals'], wire: WireCall[]): VendorSandbox {
  // Object.create keeps the vendor's own methods (and their `this`) and overrides two of them.
  const wrapper = Object.create(vendor) as VendorSandbox & Record<string, unknown>;
  return Object.assign(wrapper, {
    mount(router: Router, context: SandboxContext): void {
      router.use(tap(vendor.name, wire));
      vendor.mount(router, context);
    },
    renderRateLimited(req: Request, res: Response, retryAfterMs: number): void {
      found.push({ sandbox: vendor.name, method: req.method, url: req.originalUrl });
      vendor.renderRateLimited(req, res, retryAfterMs);
    },
  });
}

/** Starts the six sandboxes on loopback with taps; closes the ones already started if one fails. */
export async function startTappedSandboxes(): Promise<TappedSandboxes> {
  const wire: WireCall[] = [];
  const windowRefusals: TappedSandboxes['windowRefusals'] = [];
  const started: RunningSandbox[] = [];
  try {
    for (const name of SANDBOX_NAMES) started.push(await startSandbox(tapped(createSandbox(name), windowRefusals, wire)));
  } catch (error) {
    await Promise.all(started.map((sandbox) => sandbox.close()));
    throw error;
  }
  const urls = Object.fromEntries(started.map((sandbox) => [sandbox.name, sandbox.url])) as Record<SandboxName, string>;
  return {
    urls,
    sandboxes: started,
    wire,
    windowRefusals,
    close: async () => void (await Promise.all(started.map((sandbox) => sandbox.close()))),
  };
}

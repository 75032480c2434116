import { createAdobeSignSandbox } from './adobesign/adobesign.sandbox';
import { createGoogleAnalyticsSandbox } from './googleanalytics/googleanalytics.sandbox';
import { createLivechatSandbox } from './livechat/livechat.sandbox';
import { createMarketoSandbox } from './marketo/marketo.sandbox';
import { createSalesforceSandbox } from './salesforce/salesforce.sandbox';
import { createSurveyMonkeySandbox } from './surveymonkey/surveymonkey.sandbox';
import { SANDBOX_NAMES, type SandboxName, type VendorSandbox } from './common/sandbox.types';
import { startSandbox, type RunningSandbox } from './common/sandbox-app';
import { UnreachableCaseError } from '../domain/unreachable-case.error';

export type { SandboxName } from './common/sandbox.types';
export { SANDBOX_NAMES } from './common/sandbox.types';

export interface SandboxSetOptions {
  /** First port (salesforce), the others follow in SANDBOX_NAMES order; 0 = free ports. */
  basePort?: number;
  /**
   * Demo mode raises the daily quotas that would end a demo within minutes (SurveyMonkey's
   * private-app 500/day); tests keep the vendors' documented numbers.
   */
  demoQuotas?: boolean;
}

export interface RunningSandboxes {
  urls: Record<SandboxName, string>;
  sandboxes: readonly RunningSandbox[];
  close(): Promise<void>;
}

function createSandbox(name: SandboxName, demoQuotas = false): VendorSandbox {
  switch (name) {
    case 'salesforce':
      return createSalesforceSandbox();
    case 'marketo':
      return createMarketoSandbox();
    case 'livechat':
      return createLivechatSandbox();
    case 'surveymonkey':
      return createSurveyMonkeySandbox(demoQuotas ? { dailyLimit: 1_000_000 } : {});
    case 'adobesign':
      return createAdobeSignSandbox();
    case 'googleanalytics':
      return createGoogleAnalyticsSandbox();
    default:
      throw new UnreachableCaseError(name);
  }
}

/** Starts the six sandboxes on loopback; closes the ones already started if one fails. */
export async function startSandboxes(options: SandboxSetOptions = {}): Promise<RunningSandboxes> {
  const started: RunningSandbox[] = [];
  try {
    for (const [index, name] of SANDBOX_NAMES.entries()) {
      const port = options.basePort ? options.basePort + index : 0;
      started.push(await startSandbox(createSandbox(name, options.demoQuotas ?? false), port));
    }
  } catch (error) {
    await Promise.all(started.map((sandbox) => sandbox.close()));
    throw error;
  }
  const urls = Object.fromEntries(started.map((sandbox) => [sandbox.name, sandbox.url])) as Record<SandboxName, string>;
  return { urls, sandboxes: started, close: async () => void (await Promise.all(started.map((sandbox) => sandbox.close()))) };
}

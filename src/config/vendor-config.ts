import { ConfigError } from './config-error';
import type { VendorSettings } from './config.types';

type Env = Readonly<Record<string, string | undefined>>;

export const VENDOR_URL_VARIABLES = [
  'SALESFORCE_URL',
  'MARKETO_URL',
  'LIVECHAT_URL',
  'SURVEYMONKEY_URL',
  'ADOBE_SIGN_URL',
  'GOOGLE_ANALYTICS_URL',
] as const;

export const SANDBOX_CREDENTIAL = 'sandbox';

function readUrl(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigError(`${name}: must be an http(s) URL, the vendor's host root (e.g. https://api.surveymonkey.com)`);
  }
  return value.replace(/\/+$/, '');
}

/** Outside production a missing credential defaults to the sandboxes' `sandbox`; in production it stops startup. */
function credential(env: Env, name: string, production: boolean): string {
  const value = env[name]?.trim();
  if (value) return value;
  if (production) throw new ConfigError(`${name} is required in production when its vendor URL is set`);
  return SANDBOX_CREDENTIAL;
}

/**
 * `<VENDOR>_RATE_LIMIT="<calls>/<ms>"`: the window the gateway keeps a vendor's calls under, when
 * the account's limit differs from the documented default (another plan, or a test or benchmark
 * against sandboxes with shortened windows). Unset: the documented default of each client.
 */
function readRateWindow(env: Env, prefix: string): { rateWindow?: { limit: number; windowMs: number } } {
  const name = `${prefix}_RATE_LIMIT`;
  const value = env[name]?.trim();
  if (!value) return {};
  const match = /^(\d{1,7})\/(\d{1,9})$/.exec(value);
  const limit = Number(match?.[1]);
  const windowMs = Number(match?.[2]);
  if (!match || limit < 1 || windowMs < 1) throw new ConfigError(`${name}: must be "<calls>/<milliseconds>", e.g. 100/20000`);
  return { rateWindow: { limit, windowMs } };
}

export function anyVendorConfigured(env: Env): boolean {
  return VENDOR_URL_VARIABLES.some((name) => (env[name]?.trim() ?? '') !== '');
}

export function readVendorSettings(env: Env, production: boolean): VendorSettings {
  const oauth = (prefix: 'SALESFORCE' | 'MARKETO') => {
    const url = readUrl(env, `${prefix}_URL`);
    return url
      ? {
          url,
          clientId: credential(env, `${prefix}_CLIENT_ID`, production),
          clientSecret: credential(env, `${prefix}_CLIENT_SECRET`, production),
          ...readRateWindow(env, prefix),
        }
      : null;
  };
  const token = (prefix: 'LIVECHAT' | 'SURVEYMONKEY' | 'ADOBE_SIGN') => {
    const url = readUrl(env, `${prefix}_URL`);
    return url ? { url, token: credential(env, `${prefix}_TOKEN`, production), ...readRateWindow(env, prefix) } : null;
  };
  const gaUrl = readUrl(env, 'GOOGLE_ANALYTICS_URL');
  return {
    salesforce: oauth('SALESFORCE'),
    marketo: oauth('MARKETO'),
    livechat: token('LIVECHAT'),
    surveymonkey: token('SURVEYMONKEY'),
    adobeSign: token('ADOBE_SIGN'),
    googleAnalytics: gaUrl
      ? {
          url: gaUrl,
          token: credential(env, 'GOOGLE_ANALYTICS_TOKEN', production),
          propertyId: production
            ? credential(env, 'GOOGLE_ANALYTICS_PROPERTY', production)
            : env.GOOGLE_ANALYTICS_PROPERTY?.trim() || '123456789',
          ...readRateWindow(env, 'GOOGLE_ANALYTICS'),
        }
      : null,
  };
}

/** The settings demo mode wires to in-process sandboxes. */
export function sandboxVendorSettings(urls: Readonly<Record<string, string>>): VendorSettings {
  const url = (name: string): string => {
    const value = urls[name];
    if (!value) throw new ConfigError(`demo mode: the ${name} sandbox did not start`);
    return value;
  };
  const oauth = (name: string) => ({ url: url(name), clientId: SANDBOX_CREDENTIAL, clientSecret: SANDBOX_CREDENTIAL });
  const token = (name: string) => ({ url: url(name), token: SANDBOX_CREDENTIAL });
  return {
    salesforce: oauth('salesforce'),
    marketo: oauth('marketo'),
    livechat: token('livechat'),
    surveymonkey: token('surveymonkey'),
    adobeSign: token('adobesign'),
    googleAnalytics: { ...token('googleanalytics'), propertyId: '123456789' },
  };
}

import type { EntityManager } from 'typeorm';
import type { PrivacyRequestView } from './request.types';

/**
 * What a completed erasure leaves behind, done in the transaction that completes it, before the
 * request's email is cleared: the suppression list's keyed hash of the email (so a resurfacing
 * person is noticed) and the signed certificate (stored on the request). Either may be absent
 * (tests, or a process built without them).
 */
export interface CompletionHooks {
  suppress?(manager: EntityManager, email: string, requestId: string, at: Date): Promise<void>;
  certify?(view: PrivacyRequestView): Promise<string>;
}

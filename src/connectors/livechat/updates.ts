import { createHash } from 'node:crypto';
import type { RectifyChanges } from '../connector.types';
import { joinName, splitName } from './mapper';
import type { WireCustomer, WireCustomerUpdate } from './wire';

/** Pure builders of `update_customer` bodies for rectification and anonymization (docs/vendor-notes/livechat.md#correct, #delete). */

/** The placeholder name an anonymized customer gets (docs/vendor-notes/livechat.md#delete). */
export const ERASED_NAME = 'Erased customer';
const ERASED_EMAIL = /^erased\+[0-9a-f]+@invalid$/;

const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * `phone_number` must be E.164 in v3.6 [V: docs/vendor-notes/livechat.md#correct]. Spaces, dashes, dots and brackets are
 * formatting, not meaning, and are dropped; anything else that is not E.164 is refused.
 */
export function toE164(phone: string): string | null {
  const compact = phone.replace(/[\s\-.()]/g, '');
  return E164.test(compact) ? compact : null;
}

export type RectifyBuild = { ok: true; update: WireCustomerUpdate | null } | { ok: false; problem: 'PHONE_NOT_E164' };

/** The update that applies `changes` to one customer; null when nothing would change. */
export function rectifyUpdate(customer: WireCustomer, changes: RectifyChanges): RectifyBuild {
  const update: WireCustomerUpdate = { id: customer.id };
  if (changes.firstName !== undefined || changes.lastName !== undefined) {
    // LiveChat keeps one `name`: the unchanged half comes from the current name.
    const current = splitName(customer.name);
    const name = joinName(changes.firstName ?? current.firstName, changes.lastName ?? current.lastName);
    if (name !== '') update.name = name;
  }
  if (changes.email !== undefined && changes.email !== '') update.email = changes.email;
  if (changes.phone !== undefined) {
    const phone = toE164(changes.phone);
    if (phone === null) return { ok: false, problem: 'PHONE_NOT_E164' };
    update.phone_number = phone;
  }
  return { ok: true, update: Object.keys(update).length > 1 ? update : null };
}

/**
 * `erased+<hash>@invalid`: the hash is of the LiveChat customer id, not of the email, so the
 * placeholder cannot be matched back to the person by hashing candidate emails; `.invalid`
 * (RFC 2606) can never receive mail.
 */
export function erasedEmail(customerId: string): string {
  return `erased+${createHash('sha256').update(customerId).digest('hex').slice(0, 12)}@invalid`;
}

export function isAnonymized(customer: WireCustomer): boolean {
  return customer.name === ERASED_NAME && ERASED_EMAIL.test(customer.email ?? '');
}

/**
 * Anonymization via `update_customer` (docs/vendor-notes/livechat.md#delete: LiveChat has no erase method): name placeholder,
 * email placeholder, session fields emptied; phone and address cleared only when present,
 * because clearing them with "" / {} is inferred [I: docs/vendor-notes/livechat.md#delete], not documented.
 */
export function anonymizeUpdate(customer: WireCustomer): WireCustomerUpdate {
  return {
    id: customer.id,
    name: ERASED_NAME,
    email: erasedEmail(customer.id),
    session_fields: [],
    ...(customer.phone_number ? { phone_number: '' } : {}),
    ...(customer.address && Object.keys(customer.address).length > 0 ? { address: {} } : {}),
  };
}

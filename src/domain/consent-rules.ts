import { activityForChannel } from '../policy/register-queries';
import type { Register } from '../policy/register.types';
import type { Channel, LegalBasis, Purpose } from '../policy/vocabulary';

export type ConsentDecision =
  { ok: true; legalBasis: LegalBasis } | { ok: false; field: 'purpose' | 'channel' | 'evidence'; message: string };

/**
 * What the register says about recording a consent: the chart row of the channel gives the legal
 * basis; the purpose must be one the row serves; consent-based rows need evidence, because the
 * controller must be able to demonstrate consent (GDPR Art. 7(1)).
 */
export function decideConsent(register: Register, channel: Channel, purpose: Purpose, evidence: string | null): ConsentDecision {
  const activity = activityForChannel(register, channel);
  if (!activity) return { ok: false, field: 'channel', message: `channel ${channel} has no row in the processing register` };
  if (!activity.purposes.includes(purpose)) {
    return {
      ok: false,
      field: 'purpose',
      message: `purpose ${purpose} is not served by channel ${channel} (the register allows ${activity.purposes.join(', ')})`,
    };
  }
  if (activity.legalBasis === 'CONSENT' && (evidence === null || evidence.trim() === '')) {
    return {
      ok: false,
      field: 'evidence',
      message: 'evidence is required when the legal basis is CONSENT (what the person agreed to, where and how)',
    };
  }
  return { ok: true, legalBasis: activity.legalBasis };
}

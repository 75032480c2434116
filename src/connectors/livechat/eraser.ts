import type { ActionOutcome, ManualRemainder, SubjectRef, VerifyOutcome } from '../connector.types';
import { verifyOutcomeOf } from '../verify-outcome';
import type { LivechatApi } from './api';
import { findSubject, type Found } from './find';
import { chatsHoldingTranscripts, customerIdentifiersOf } from './mapper';
import { anonymizeUpdate, isAnonymized } from './updates';

/**
 * The Agent Chat Web API v3.6 has no method that deletes a chat or its transcript
 * (docs/vendor-notes/livechat.md#delete; https://platform.text.com/docs/messaging/agent-chat-api):
 * the profile is anonymized through `update_customer`, and LiveChat support erases the transcripts.
 */
export const TRANSCRIPTS_REASON =
  'chat transcripts cannot be erased through the LiveChat Agent Chat API and need manual erasure via LiveChat support';

function transcriptsLeft(found: Found): { manualRemainder?: ManualRemainder } {
  const chats = chatsHoldingTranscripts(found.archives);
  return chats > 0 ? { manualRemainder: { reason: TRANSCRIPTS_REASON, items: chats } } : {};
}

/**
 * Anonymizes every profile of the subject; the chats stay and are reported as a manual remainder.
 * The customer ids are returned as identifiers: after anonymization the email finds nothing, and
 * verification must look the chats up by customer id.
 */
export async function eraseSubject(api: LivechatApi, subject: SubjectRef): Promise<ActionOutcome> {
  const found = await findSubject(api, subject);
  const targets = found.customers.filter((customer) => !isAnonymized(customer));
  const identifiers = customerIdentifiersOf(found.customers, found.archives);
  const learned = identifiers.length > 0 ? { identifiers } : {};
  if (targets.length === 0) return { status: 'NOTHING_TO_DO', ...transcriptsLeft(found), ...learned };
  // Sequential: a handful of profiles per person, and a failure leaves the rest for the retry.
  for (const customer of targets) await api.updateCustomer(anonymizeUpdate(customer));
  return {
    status: 'DONE',
    affected: targets.length,
    detail: `anonymized ${targets.length} customer profile(s)`,
    ...transcriptsLeft(found),
    ...learned,
  };
}

/**
 * Looks the subject up by email (a profile that still has it) and by every customer id it is
 * given (the chats of an anonymized profile no longer match the old email). What remains: profiles
 * not yet anonymized, and chats that still hold a transcript.
 */
export async function verifySubjectErased(api: LivechatApi, subject: SubjectRef): Promise<VerifyOutcome> {
  const found = await findSubject(api, subject);
  const profiles = found.customers.filter((customer) => !isAnonymized(customer)).length;
  const chats = chatsHoldingTranscripts(found.archives);
  return verifyOutcomeOf(profiles + chats, `${profiles} customer profile(s) not anonymized, ${chats} chat(s) still hold the transcript`);
}

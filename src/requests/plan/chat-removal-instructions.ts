import type { ChatRef } from '../request.types';

/** The task detail column holds 1,000 characters; chats past this many are counted, not named. */
const MAX_CHATS_NAMED = 20;

/**
 * What a person must do to remove old chats: which (chat ids and their dates, no personal data) and
 * where. The Agent Chat API has no chat deletion (docs/vendor-notes/livechat.md#delete): a chat is
 * deleted from the LiveChat app's Archives, or by LiveChat support on request.
 */
export function chatRemovalInstruction(name: string, chats: readonly ChatRef[], connected: boolean): string {
  const named = chats.slice(0, MAX_CHATS_NAMED).map((chat) => `${chat.id} (${chat.at.slice(0, 10)})`);
  const more = chats.length > MAX_CHATS_NAMED ? ` and ${chats.length - MAX_CHATS_NAMED} more listed in the request` : '';
  const why = connected ? `${name} has no chat deletion API` : `${name} is not connected to the gateway`;
  return `${why}: delete ${chats.length} chat(s) past retention in ${name}'s Archives (or ask ${name} support): ${named.join(', ')}${more}`;
}

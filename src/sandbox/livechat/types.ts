/**
 * LiveChat's records as the sandbox stores them, in the vendor's own field names
 * (docs/vendor-notes/livechat.md#find-by-email, #read). Chats reference their customer by id only: the customer's
 * current name and email are joined in when a chat is rendered, so an anonymized customer no
 * longer matches their old email in `list_archives`.
 */
export interface LivechatGeolocation {
  country_code?: string;
  city?: string;
}

export interface LivechatVisit {
  ip?: string;
  user_agent?: string;
  geolocation?: LivechatGeolocation;
}

export interface LivechatCustomer {
  id: string;
  type: 'customer';
  name?: string;
  email?: string;
  avatar?: string;
  /** v3.6 only, E.164 [V: L-changelog]. */
  phone_number?: string;
  address?: Record<string, string>;
  created_at: string;
  session_fields: Array<Record<string, string>>;
  /** v3.6 name; v3.5 calls it `last_visit` [V: L-changelog]. */
  visit?: LivechatVisit;
  // [I] docs/vendor-notes/livechat.md#delete: ban_customer has no read-back field in the docs; the sandbox keeps it here so
  // that the ban is real state visible through /__sandbox/records.
  ban?: { days: number; banned_at: string };
}

export interface LivechatEvent {
  id: string;
  created_at: string;
  visibility: 'all' | 'agents';
  type: 'message' | 'system_message';
  text: string;
  author_id?: string;
}

export interface LivechatThread {
  id: string;
  created_at: string;
  active: boolean;
  user_ids: string[];
  events: LivechatEvent[];
  properties: Record<string, unknown>;
  access: { group_ids: number[] };
}

export interface LivechatAgentRef {
  id: string;
  type: 'agent';
  name: string;
  email: string;
}

export interface LivechatCustomerRef {
  id: string;
  type: 'customer';
}

export type LivechatChatUserRef = LivechatAgentRef | LivechatCustomerRef;

export interface LivechatChat {
  id: string;
  users: LivechatChatUserRef[];
  threads: LivechatThread[];
  properties: Record<string, unknown>;
  access: { group_ids: number[] };
  is_followed: boolean;
}

/** The Agent Chat API versions this sandbox serves (v3.6 stable, v3.5 legacy) [V: L-changelog]. */
export type ApiVersion = '3.5' | '3.6';

/**
 * Google Analytics User Deletion API v3 payloads, in Google's field names
 * (docs/vendor-notes/googleanalytics.md: #delete resource, #auth token response, #errors body).
 */

/** docs/vendor-notes/googleanalytics.md#delete: the only write path; one user per call, no batch endpoint exists. */
export const UPSERT_PATH = '/analytics/v3/userDeletion/userDeletionRequests:upsert';
/** docs/vendor-notes/googleanalytics.md#auth: production token endpoint (a different host from the API). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DELETION_KIND = 'analytics#userDeletionRequest';

export type UserIdType = 'CLIENT_ID' | 'USER_ID' | 'APP_INSTANCE_ID';

/** GA4 properties use `propertyId` (numeric); Universal Analytics uses `webPropertyId` (`UA-XXXXX-YY`). */
export type PropertyField = 'propertyId' | 'webPropertyId';

export interface UserDeletionRequest {
  kind: typeof DELETION_KIND;
  id: { type: UserIdType; userId: string };
  propertyId?: string;
  webPropertyId?: string;
  firebaseProjectId?: string;
  /** Set by Google on the response: when it received the request. */
  deletionRequestTime?: string;
}

export interface GoogleErrorItem {
  domain?: string;
  reason?: string;
  message?: string;
}

export interface GoogleErrorBody {
  error: { code?: number; message?: string; status?: string; errors?: GoogleErrorItem[] };
}

/** Limits of the free text and ids the privacy-request operations take. */
export const MAX_REASON_LENGTH = 500;
export const MAX_NOTE_LENGTH = 1000;
export const MAX_NAME_LENGTH = 100;
export const MAX_PHONE_LENGTH = 40;
export const MAX_ID_LENGTH = 64;
// The engine's endCursor is a short keyset token; anything longer is not one of ours.
export const MAX_CURSOR_LENGTH = 256;

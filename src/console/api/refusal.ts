import type { CombinedError } from 'urql';

/** What a DPO reads when the API says no: the API's own message, with the reason in plain words. */
export function refusalMessage(error: CombinedError): string {
  const first = error.graphQLErrors[0];
  const code = typeof first?.extensions.code === 'string' ? first.extensions.code : null;
  switch (code) {
    case 'FORBIDDEN':
      return `Your role may not do this (${first?.message ?? 'forbidden'}). Ask a DPO.`;
    case 'UNAUTHENTICATED':
      return 'The gateway did not accept your token. Sign out and sign in again.';
    case 'BAD_USER_INPUT':
      return `The gateway refused the input: ${first?.message ?? 'invalid input'}`;
    case null:
      break;
    default:
      return first?.message ?? error.message;
  }
  if (error.networkError) return `The gateway could not be reached: ${error.networkError.message}`;
  return first?.message ?? error.message.replace(/^\[(GraphQL|Network)\]\s*/, '');
}

/** True when the API refused the caller (token or role), not the request's content. */
export function isAuthRefusal(error: CombinedError | undefined): boolean {
  return error?.graphQLErrors.some((e) => e.extensions.code === 'UNAUTHENTICATED') ?? false;
}

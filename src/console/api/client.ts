import { Client, cacheExchange, fetchExchange } from 'urql';

/**
 * A urql client for the gateway's /graphql with the signed-in token. Queries go as POST: a GET
 * would put the variables (emails) into the URL.
 */
export function createApiClient(token: string): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
  });
}

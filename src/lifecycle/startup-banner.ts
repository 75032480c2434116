import type { AppConfig } from '../config/config.types';

/**
 * What the process prints once it listens. Only what is on: the IDE line appears when the IDE is
 * served (off in production unless GRAPHQL_IDE=on), the demo tokens only when they are in use.
 */
export function startupBanner(url: string, config: Pick<AppConfig, 'mode' | 'graphqlIde' | 'demoTokens' | 'authTokens'>): string {
  const lines = [`Privacy gateway listening on ${url}/graphql (${config.mode} mode)`];
  if (config.graphqlIde) lines.push(`  IDE:     ${url}/graphql (open in a browser)`);
  lines.push(`  Console: ${url}/console (the DPO console: sign in with a token)`);
  lines.push(`  Health:  ${url}/healthz  ${url}/readyz  ${url}/metrics`);
  if (config.demoTokens) {
    const tokens = config.authTokens.map((token) => `${token.role} "${token.token}"`).join(', ');
    lines.push(`  Demo tokens (not for production): ${tokens}`);
  }
  return lines.join('\n');
}

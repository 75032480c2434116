/** Startup configuration is wrong: the message names the variable and what is expected. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

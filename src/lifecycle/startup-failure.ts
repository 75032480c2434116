import { ConfigError } from '../config/config-error';
import { describeErrorForLog } from '../observability/redact';
import { RegisterError } from '../policy/register-reader';
import { DatabaseStartError } from './database-start-error';

/**
 * The one line printed when startup fails. Known failures carry a message written for the operator
 * (naming the variable or file); anything else gets its type and masked first line, never a stack
 * trace: a stack says nothing an operator can act on and may quote a connection string.
 */
export function startupFailureLine(error: unknown): string {
  if (error instanceof ConfigError || error instanceof RegisterError || error instanceof DatabaseStartError) {
    return `Cannot start: ${error.message}`;
  }
  const described = describeErrorForLog(error);
  const firstLine = described.message.split('\n')[0] ?? '';
  return `Cannot start: ${described.type}: ${firstLine.slice(0, 300)}`;
}

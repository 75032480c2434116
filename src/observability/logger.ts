import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * JSON logs. Callers log ids, codes and counts, never personal data; the redact list is the
 * safety net for fields that could carry it by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'privacy-gateway' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'email',
          '*.email',
          'emails',
          'firstName',
          'lastName',
          'phone',
          '*.phone',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'req.headers.authorization',
          'variables',
          '*.variables',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

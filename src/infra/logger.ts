import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Message text, tokens and secrets are never logged at info level:
 * the redact list is a safety net for the fields most likely to carry them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'minato-navi' },
      redact: {
        paths: ['token', '*.token', 'text', '*.text', 'headers.authorization', '*.headers.authorization', 'apiKey', '*.apiKey'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** For tests and the CLI: a logger that prints nothing. */
export const silentLogger: Logger = pino({ level: 'silent' });

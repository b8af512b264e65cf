import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/infra/logger.js';

/** The app's real pino logger, writing its JSON lines into memory so a test can read them. */
export interface LogCapture {
  logger: Logger;
  /** Every line written so far, as written. */
  readonly raw: string;
  /** Every line written so far, parsed. */
  readonly lines: Record<string, any>[];
  clear(): void;
}

export function captureLogs(level = 'info'): LogCapture {
  let raw = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      raw += chunk.toString();
      done();
    },
  });
  const logger = createLogger(level, stream);
  return {
    logger,
    get raw() {
      return raw;
    },
    get lines() {
      return raw
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, any>);
    },
    clear: () => {
      raw = '';
    },
  };
}

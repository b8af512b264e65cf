import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../infra/logger.js';

/** Lets Bolt write through pino, so every line is structured JSON. */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const str = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    // Bolt logs at debug on every request: only build the line when it will be written.
    debug: (...msg) => {
      if (child.isLevelEnabled('debug')) child.debug(str(msg));
    },
    info: (...msg) => child.info(str(msg)),
    warn: (...msg) => child.warn(str(msg)),
    error: (...msg) => child.error(str(msg)),
    setLevel: () => {},
    getLevel: () => (child.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}

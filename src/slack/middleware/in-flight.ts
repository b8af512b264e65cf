import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';

/**
 * Counts the Slack requests still being worked on, so that shutdown can stop taking new work
 * and wait for these to finish.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];
  draining = false;

  get size(): number {
    return this.count;
  }

  middleware(): Middleware<AnyMiddlewareArgs> {
    return async ({ next }) => {
      this.count += 1;
      try {
        await next();
      } finally {
        this.count -= 1;
        if (this.count === 0) this.waiters.splice(0).forEach((w) => w());
      }
    };
  }

  /** Resolves when nothing is in flight, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      t.unref();
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

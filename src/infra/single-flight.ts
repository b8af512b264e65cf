/**
 * Runs `work` one at a time in this process, and never lets a request join a run already under
 * way: a call during a run asks for ONE more run right after it and resolves with that run's
 * result (however many calls came meanwhile). A run reads the clock and the queue when it starts,
 * so joining it would miss what fell due after it started (a channel due at 08:45 while the
 * 08:44 run is still posting would wait for the next tick).
 *
 * Used by the morning job, scheduled announcements and the World Café pollers.
 */
export interface SingleFlight<T> {
  run(): Promise<T>;
  /** Resolves when nothing is running or queued (for shutdown). */
  idle(): Promise<void>;
}

export function singleFlight<T>(work: () => Promise<T>): SingleFlight<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;

  const start = (): Promise<T> => {
    const p = work().finally(() => {
      if (running === p) running = undefined;
    });
    running = p;
    return p;
  };

  return {
    run() {
      if (!running) return start();
      next ??= running.then(
        () => undefined,
        () => undefined,
      ).then(() => {
        next = undefined;
        return start();
      });
      return next;
    },
    async idle() {
      while (running || next) await (next ?? running)?.catch(() => undefined);
    },
  };
}

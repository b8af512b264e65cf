/**
 * Background parts (job workers, schedulers, flush timers) register here, so the composition
 * root starts them after the app and stops them — newest first — before Redis closes.
 */
export class Lifecycle {
  private starters: (() => Promise<void> | void)[] = [];
  private stoppers: (() => Promise<void> | void)[] = [];

  onStart(fn: () => Promise<void> | void): void {
    this.starters.push(fn);
  }

  onStop(fn: () => Promise<void> | void): void {
    this.stoppers.push(fn);
  }

  async start(): Promise<void> {
    for (const fn of this.starters) await fn();
  }

  /**
   * Runs the stop hooks, newest first. Each gets at most `perHookMs`: a worker that cannot close
   * cleanly (Redis down) must not keep the process from exiting.
   */
  async stop(perHookMs = 3_000): Promise<void> {
    for (const fn of this.stoppers.splice(0).reverse()) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.resolve().then(fn).catch(() => undefined),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, perHookMs);
        }),
      ]);
      clearTimeout(timer);
    }
  }
}

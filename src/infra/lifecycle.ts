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

  async stop(): Promise<void> {
    for (const fn of this.stoppers.splice(0).reverse()) {
      await Promise.resolve()
        .then(fn)
        .catch(() => undefined);
    }
  }
}

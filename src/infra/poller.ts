import { errorMessage } from './errors.js';
import type { Logger } from './logger.js';
import { singleFlight, type SingleFlight } from './single-flight.js';

/**
 * Runs `work` every `intervalMs`, or at once when kicked; never two runs at a time in this
 * process (src/infra/single-flight.ts: a kick during a run makes one more run right after it).
 * Errors are logged, not thrown, and back the interval off while they last.
 */
export class Poller {
  private timer?: NodeJS.Timeout;
  private readonly flight: SingleFlight<void>;
  private stopped = true;
  private pauseUntil = 0;
  private failures = 0;

  constructor(
    private readonly name: string,
    work: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {
    this.flight = singleFlight(() =>
      work().then(
        () => {
          this.failures = 0;
        },
        (err: unknown) => {
          // Back off while it keeps failing (e.g. Redis down): log once per failure, at most every 30 s.
          this.failures += 1;
          this.logger.warn({ poller: this.name, failures: this.failures, err: errorMessage(err) }, 'background run failed');
        },
      ),
    );
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Run as soon as possible (e.g. right after a seat change). */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** Skip runs for a while (Slack said "slow down"). */
  pause(ms: number): void {
    this.pauseUntil = Math.max(this.pauseUntil, Date.now() + ms);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.flight.idle();
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), Math.max(delay, this.pauseUntil - Date.now(), 0));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    await this.flight.run();
    const backoff = this.failures ? Math.min(this.intervalMs * 2 ** this.failures, 30_000) : 0;
    if (!this.stopped) this.schedule(Math.max(this.intervalMs, backoff));
  }
}

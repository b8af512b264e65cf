import type { Logger } from './logger.js';
import { errorMessage } from './errors.js';

/**
 * Runs `work` every `intervalMs`, or at once when kicked; never two runs at a time in this
 * process (a kick during a run asks for one more run right after). Errors are logged, not thrown.
 */
export class Poller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private pauseUntil = 0;
  private failures = 0;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Run as soon as possible (e.g. right after a seat change). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Skip runs for a while (Slack said "slow down"). */
  pause(ms: number): void {
    this.pauseUntil = Math.max(this.pauseUntil, Date.now() + ms);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), Math.max(delay, this.pauseUntil - Date.now(), 0));
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (this.stopped || this.running) return;
    this.again = false;
    this.running = this.work().then(
      () => {
        this.failures = 0;
      },
      (err: unknown) => {
        // Back off while it keeps failing (e.g. Redis down): log once per failure, at most every 30 s.
        this.failures += 1;
        this.logger.warn({ poller: this.name, failures: this.failures, err: errorMessage(err) }, 'background run failed');
      },
    );
    await this.running;
    this.running = undefined;
    const backoff = this.failures ? Math.min(this.intervalMs * 2 ** this.failures, 30_000) : 0;
    if (!this.stopped) this.schedule(this.again && !this.failures ? 0 : Math.max(this.intervalMs, backoff));
  }
}

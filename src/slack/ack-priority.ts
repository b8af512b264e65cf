import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Acks before work. Slack wants every request acknowledged within 3 s; under a burst (a popular
 * World Café session opening, a channel full of /plan) the work that follows one request's ack
 * (Redis, the model, Web API calls) would otherwise share the event loop with — and delay — the
 * acks of the requests still arriving.
 *
 * The HTTP receiver (src/slack/http-receiver.ts) tracks every Slack request until its response
 * is sent, and its `ack` returns only through `afterAcks()`: once a request is acked, its
 * listener continues only when no other Slack request is waiting for its response and — during
 * a burst — none has arrived for `quietMs` (or after `maxWaitMs`, so work is never starved under
 * sustained load). A request on its own goes straight on: a quiet bot answers as fast as before.
 * Events API requests, which Bolt acks before any middleware, get the same treatment, so their
 * dedupe and handling follow too.
 */
export class AckPriority {
  private pending = 0;
  private waiters: (() => void)[] = [];
  private releaseScheduled = false;
  private lastArrival = -Infinity;
  /** Arrival times of the latest BURST_SIZE requests (a ring). */
  private readonly arrivals: number[];
  private next = 0;

  /**
   * @param maxWaitMs     longest a listener waits (work is never starved under sustained load)
   * @param quietMs       in a burst, no new request for this long counts as "the burst is over"
   * @param burstSize     this many requests …
   * @param burstWindowMs … arriving within this long make a burst (250 a second by default: far
   *                      above an office's normal rate, so a quiet bot answers as fast as before)
   */
  constructor(
    private readonly maxWaitMs = 1_000,
    private readonly quietMs = 20,
    burstSize = 5,
    private readonly burstWindowMs = 20,
  ) {
    this.arrivals = new Array<number>(Math.max(2, burstSize)).fill(-Infinity);
  }

  /** Number of HTTP requests that have not been answered yet. */
  get waiting(): number {
    return this.pending;
  }

  /** Counts a request until its response is sent (or its connection closes). */
  readonly track = (_req: IncomingMessage, res: ServerResponse): void => {
    this.pending += 1;
    this.lastArrival = performance.now();
    this.arrivals[this.next] = this.lastArrival;
    this.next = (this.next + 1) % this.arrivals.length;
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      this.pending -= 1;
      if (this.pending === 0) this.scheduleRelease();
    };
    res.once('finish', finished);
    res.once('close', finished);
  };

  /** Resolves once no request is waiting for its ack (always after at least one turn of the event loop). */
  afterAcks(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(release);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve();
      }, this.maxWaitMs);
      timer.unref();
      const release = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(release);
      if (this.pending === 0) this.scheduleRelease();
    });
  }

  private scheduleRelease(): void {
    if (this.releaseScheduled) return;
    this.releaseScheduled = true;
    // setImmediate runs after the poll phase: requests whose bytes already arrived are read first.
    setImmediate(() => this.tryRelease());
  }

  private tryRelease(): void {
    if (this.pending > 0) {
      // The last of those requests to be answered schedules the release again.
      this.releaseScheduled = false;
      return;
    }
    // Requests of a burst arrive over several turns of the event loop: wait for a quiet moment.
    const quietFor = performance.now() - this.lastArrival;
    const oldest = this.arrivals[this.next]!; // the earliest of the latest `burstSize` arrivals
    if (this.lastArrival - oldest <= this.burstWindowMs && quietFor < this.quietMs) {
      setTimeout(() => this.tryRelease(), Math.ceil(this.quietMs - quietFor)).unref();
      return;
    }
    this.releaseScheduled = false;
    this.waiters.splice(0).forEach((w) => w());
  }
}

import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Lifecycle } from './lifecycle.js';
import type { Logger } from './logger.js';
import { errorMessage } from './errors.js';

/**
 * A Redis-backed ticker: a BullMQ job scheduler (upsertJobScheduler, cron pattern in Asia/Tokyo)
 * that makes ONE of the replicas run `run()` on each tick, plus one run at start-up (catch-up
 * after a restart). Whatever `run` does must itself be idempotent (claimOnce per unit of work):
 * the ticker only makes the work happen soon and rarely twice, never "exactly once".
 *
 * Used by the morning-meeting job and by scheduled announcements.
 */

export interface TickerOptions {
  /** BullMQ queue name, e.g. "morning". */
  name: string;
  /** Cron pattern evaluated in Asia/Tokyo; default every minute. */
  pattern?: string;
  connection: () => Redis;
  logger: Logger;
  run: () => Promise<unknown>;
  /** Run once as soon as the app has started (default true). */
  runAtStart?: boolean;
}

/** Key prefix with a hash tag, so a queue's keys share one slot on a Redis Cluster. */
export const QUEUE_PREFIX = '{minato}';
export const TOKYO = 'Asia/Tokyo';

export interface Ticker {
  /** Resolves when the start-up run (if any) has finished. */
  startupRun(): Promise<void>;
}

export function registerTicker(lifecycle: Lifecycle, o: TickerOptions): Ticker {
  const log = o.logger.child({ component: `ticker:${o.name}` });
  let queue: Queue | undefined;
  let worker: Worker | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  let startup: Promise<void> = Promise.resolve();

  const safeRun = () =>
    o.run().then(
      () => undefined,
      (err: Error) => log.error({ err: err.message }, 'tick failed'),
    );

  const schedule = async (): Promise<void> => {
    try {
      if (!queue) {
        queue = new Queue(o.name, { connection: o.connection(), prefix: QUEUE_PREFIX });
        queue.on('error', (err) => log.warn({ err: err.message }, 'queue error'));
      }
      await queue.upsertJobScheduler(
        `${o.name}-tick`,
        { pattern: o.pattern ?? '* * * * *', tz: TOKYO },
        { name: 'tick', opts: { removeOnComplete: { count: 20 }, removeOnFail: { count: 50 } } },
      );
      log.info({ pattern: o.pattern ?? '* * * * *', tz: TOKYO }, 'job scheduler ready');
    } catch (err) {
      // Redis unreachable at start: keep the app up and try again shortly.
      log.error({ err: errorMessage(err) }, 'could not set up the job scheduler; retrying in 30 s');
      if (!stopped) retry = setTimeout(() => void schedule(), 30_000).unref();
    }
  };

  lifecycle.onStart(async () => {
    stopped = false;
    await schedule();
    worker = new Worker(o.name, async () => {
      await o.run();
    }, { connection: o.connection(), prefix: QUEUE_PREFIX, concurrency: 1 });
    worker.on('failed', (job, err) => log.warn({ job: job?.id, err: err.message }, 'tick job failed'));
    worker.on('error', (err) => log.warn({ err: err.message }, 'worker error'));
    if (o.runAtStart ?? true) startup = safeRun();
  });

  lifecycle.onStop(async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await startup;
    // Bounded: with Redis gone, closing must not hold up the shutdown.
    const bounded = (p: Promise<unknown> | undefined) =>
      Promise.race([p?.catch(() => undefined), new Promise((r) => setTimeout(r, 5_000).unref())]);
    await bounded(worker?.close());
    await bounded(queue?.close());
  });

  return { startupRun: () => startup };
}

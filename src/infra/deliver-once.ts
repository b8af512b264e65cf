import type { Redis } from 'ioredis';
import { immediate, type Durability } from './durable.js';
import { claimOnce, releaseOnce } from './once.js';
import { postErrorOf, type PostError } from './poster.js';

/**
 * One message to one place, once across replicas and restarts:
 *   claim `key` (a lease) → post → keep what happened under `key`,
 * or, when the post failed in a way a retry may fix, give the claim back for the next run.
 * A permanent refusal (src/slack/slack-errors.ts) is kept like a success: it will not be retried.
 * The one gap: a crash between Slack accepting the post and the record reaching Redis leaves the
 * lease to expire, and that one message is posted again.
 * With `durable` (src/infra/durable.ts) the claim is on a replica before the post and the record
 * after it, so a Redis failover cannot hand the same message to a second replica.
 */

export type Delivered = { outcome: 'sent'; ts: string } | { outcome: 'refused'; error: PostError };

export type DeliverResult =
  | Delivered
  /** Worth retrying: the claim was given back. */
  | { outcome: 'failed'; error: PostError }
  /** Someone else holds it: delivered before, or in flight elsewhere. */
  | { outcome: 'taken' };

export async function deliverOnce(
  redis: Redis,
  o: {
    key: string;
    /** How long the claim holds while the post is in flight. */
    leaseSeconds: number;
    /** How long what happened is kept under the key. */
    keepSeconds: number;
    post(): Promise<{ ts: string }>;
    /** What to keep under the key: the record of a post or of a refusal. */
    record(d: Delivered): string;
  },
  durable: Durability = immediate,
): Promise<DeliverResult> {
  if (!(await claimOnce(redis, o.key, o.leaseSeconds))) return { outcome: 'taken' };
  try {
    await durable.confirm(o.key);
  } catch (err) {
    // Not sure the claim will outlive a failover: post nothing now, give it back for the next run.
    await releaseOnce(redis, o.key).catch(() => undefined);
    return { outcome: 'failed', error: postErrorOf(err) };
  }
  let done: Delivered;
  try {
    done = { outcome: 'sent', ts: (await o.post()).ts };
  } catch (err) {
    const error = postErrorOf(err);
    if (!error.permanent) {
      await releaseOnce(redis, o.key);
      return { outcome: 'failed', error };
    }
    done = { outcome: 'refused', error };
  }
  await durable.write(o.key, () => redis.set(o.key, o.record(done), 'EX', o.keepSeconds));
  return done;
}

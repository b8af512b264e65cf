import type { Redis } from '../infra/redis.js';
import type { Keys } from './keys.js';

/**
 * Moves World Café data from the layout before per-session hash tags (everything under "{wc}":
 * `{wc}:s:<id>`, `:c`, `:w`, one `{wc}:due` queue, `{wc}:u:<user>`) to the current one, once, at
 * start. Sessions are found through `{wc}:upcoming` (its name did not change) and the old queue; each key is copied
 * with its expiry (DUMP/RESTORE: on a Cluster the old and new keys sit in different slots) and the
 * old one deleted after. Safe to run on several replicas at once and again after a crash part way:
 * a key already copied is left as it is. Returns how many sessions moved.
 */
export async function migrateFromSharedTag(redis: Redis, k: Keys): Promise<number> {
  const old = {
    session: (id: string) => `${k.prefix}:s:${id}`,
    confirmed: (id: string) => `${k.prefix}:s:${id}:c`,
    waiting: (id: string) => `${k.prefix}:s:${id}:w`,
    due: `${k.prefix}:due`,
    tries: `${k.prefix}:due:tries`,
  };
  const dueOld = (await redis.exists(old.due)) ? await redis.zrange(old.due, 0, '-1', 'WITHSCORES') : [];
  // Open sessions, and cancelled ones whose notices are still queued.
  const ids = [...new Set([...(await redis.zrange(k.upcoming, 0, '-1')), ...dueOld.filter((_, i) => i % 2 === 0).map((m) => m.split('|')[1] ?? '')])];
  let moved = 0;
  for (const id of ids) {
    if (!id || !(await redis.exists(old.session(id)))) continue;
    for (const [from, to] of [
      [old.session(id), k.session(id)],
      [old.confirmed(id), k.confirmed(id)],
      [old.waiting(id), k.waiting(id)],
    ] as const) {
      await copyKey(redis, from, to);
    }
    const session = await redis.hmget(k.session(id), 'endAt', 'startAt');
    await redis.zadd(k.active, Number(session[0] ?? 0) + 24 * 60 * 60 * 1000, id);
    await redis.zadd(k.all, Number(session[1] ?? 0), id);
    for (const uid of [...(await redis.zrange(k.confirmed(id), 0, '-1')), ...(await redis.zrange(k.waiting(id), 0, '-1'))]) {
      await redis.sadd(k.user(uid), id);
    }
    for (let i = 0; i < dueOld.length; i += 2) {
      if (dueOld[i]!.split('|')[1] === id) await redis.zadd(k.due(id), 'NX', dueOld[i + 1]!, dueOld[i]!);
    }
    await redis.del(old.session(id), old.confirmed(id), old.waiting(id));
    moved++;
  }
  if (dueOld.length > 0) await redis.del(old.due, old.tries);
  return moved;
}

async function copyKey(redis: Redis, from: string, to: string): Promise<void> {
  const [dump, ttl] = await Promise.all([redis.dumpBuffer(from), redis.pttl(from)]);
  if (!dump) return;
  try {
    await redis.restore(to, ttl > 0 ? ttl : 0, dump);
  } catch (err) {
    // Another replica copied it first.
    if (!(err instanceof Error) || !err.message.includes('BUSYKEY')) throw err;
  }
}

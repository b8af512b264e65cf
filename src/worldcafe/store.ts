import type { Redis } from '../infra/redis.js';
import { keysFor } from './keys.js';
import { CANCEL_SESSION, CLAIM_DUE, COMPLETE_DUE, CREATE_SESSION, JOIN, LEAVE, loadScripts, RESCHEDULE, runScript, SET_CAPACITY, SET_IF_EXISTS, TAKE_DIRTY } from './lua.js';
import { SESSION_KINDS, type Session, type SessionKind, type SessionView } from './types.js';

/**
 * Every Redis and Lua call of World Café (keys: src/worldcafe/keys.ts, scripts: lua.ts), in
 * three parts: sessions and seats, the due-queue of direct messages, and the "dirty" set behind
 * the coalesced channel-message updates. Raw script replies go up to the service, which reads them.
 */
export type WorldcafeStore = ReturnType<typeof createWorldcafeStore>;

type Reply = (string | number)[];

/** `prefix`: the keys' hash tag, "{wc}" unless tests or benchmarks want their own. */
export function createWorldcafeStore(redis: Redis, prefix?: string) {
  const k = keysFor(prefix);
  const seatKeys = (id: string, userId: string) => [k.session(id), k.confirmed(id), k.waiting(id), k.user(userId), k.due, k.dirty];
  const sessionKeys = (id: string) => [k.session(id), k.confirmed(id), k.waiting(id), k.upcoming, k.due, k.dirty];
  const run = async (script: string, keys: string[], args: (string | number)[]) => (await runScript(redis, script, keys, args)) as Reply;

  async function views(ids: string[]): Promise<SessionView[]> {
    if (ids.length === 0) return [];
    const p = redis.pipeline();
    for (const id of ids) p.hgetall(k.session(id)).zcard(k.confirmed(id)).zcard(k.waiting(id));
    const res = (await p.exec()) ?? [];
    const out: SessionView[] = [];
    for (let i = 0; i < ids.length; i++) {
      const [e1, hash] = res[i * 3] ?? [];
      if (e1) throw e1;
      const s = parseSession(hash as Record<string, string>);
      if (!s) continue;
      out.push({ ...s, confirmed: Number(res[i * 3 + 1]?.[1] ?? 0), waiting: Number(res[i * 3 + 2]?.[1] ?? 0) });
    }
    return out;
  }

  return {
    keys: k,
    /** Loads the Lua scripts ahead of use (a miss later is handled anyway). */
    prepare: () => loadScripts(redis),

    // --- sessions and seats ------------------------------------------------------------------
    get: async (id: string) => parseSession(await redis.hgetall(k.session(id))),
    views,
    /** 1 when created, 0 when a session with this id exists. */
    create: async (s: Session, extra: { seq: number; expireAt: number }) => {
      const fields = Object.entries({ ...s, ...extra }).flatMap(([f, v]) => [f, String(v)]);
      return Number(await runScript(redis, CREATE_SESSION, [k.session(s.id), k.upcoming], [s.id, extra.expireAt, s.startAt, ...fields]));
    },
    setFields: async (id: string, fields: Record<string, string>) => Number(await runScript(redis, SET_IF_EXISTS, [k.session(id)], Object.entries(fields).flat())),
    /** Ids of sessions starting after `now`, soonest first (those that started a day ago drop out of the index). */
    upcomingIds: async (now: number, limit: number) => {
      await redis.zremrangebyscore(k.upcoming, '-inf', now - 24 * 60 * 60 * 1000);
      return redis.zrangebyscore(k.upcoming, `(${now}`, '+inf', 'LIMIT', 0, limit);
    },
    userSessionIds: (userId: string) => redis.smembers(k.user(userId)),
    forgetUserSessions: (userId: string, ids: string[]) => redis.srem(k.user(userId), ...ids),
    /** For each session: the user's confirmed score and waitlist rank (null when not there). */
    positions: async (ids: string[], userId: string) => {
      const p = redis.pipeline();
      for (const id of ids) p.zscore(k.confirmed(id), userId).zrank(k.waiting(id), userId);
      const res = (await p.exec()) ?? [];
      return ids.map((_, i) => ({ confirmed: (res[i * 2]?.[1] ?? null) as string | null, rank: (res[i * 2 + 1]?.[1] ?? null) as number | null }));
    },
    attendees: async (id: string) => {
      const [confirmed, waiting] = await Promise.all([redis.zrange(k.confirmed(id), 0, '-1'), redis.zrange(k.waiting(id), 0, '-1')]);
      return { confirmed, waiting };
    },
    join: (id: string, userId: string, now: number) => run(JOIN, seatKeys(id, userId), [userId, now, id]),
    leave: (id: string, userId: string, now: number) => run(LEAVE, seatKeys(id, userId), [userId, now, id]),
    setCapacity: (id: string, capacity: number, now: number) => run(SET_CAPACITY, [k.session(id), k.confirmed(id), k.waiting(id), k.due, k.dirty], [capacity, now, id]),
    reschedule: (id: string, args: (string | number)[]) => run(RESCHEDULE, sessionKeys(id), args),
    cancel: (id: string, now: number) => run(CANCEL_SESSION, sessionKeys(id), [now, id]),

    // --- the due-queue of direct messages ----------------------------------------------------
    /** [member, tries, member, tries …] leased until `lease`. */
    claimDue: (now: number, limit: number, lease: number) => run(CLAIM_DUE, [k.due, k.dueTries], [now, limit, lease]),
    completeDue: async (member: string, lease: number) => void (await runScript(redis, COMPLETE_DUE, [k.due, k.dueTries], [member, lease])),
    pendingDue: async () => {
      const r = (await redis.zrange(k.due, 0, '-1', 'WITHSCORES')) as unknown as string[];
      const out: { member: string; at: number }[] = [];
      for (let i = 0; i < r.length; i += 2) out.push({ member: r[i]!, at: Number(r[i + 1]) });
      return out;
    },

    // --- coalesced channel-message updates ---------------------------------------------------
    takeDirty: async (lockMs: number, limit: number, budget?: { window: string; max: number; ttlMs: number }) => {
      const args = [`${k.prefix}:flush:`, lockMs, limit, `${k.prefix}:budget:${budget?.window ?? '-'}`, budget?.max ?? 0, budget?.ttlMs ?? 1];
      return (await runScript(redis, TAKE_DIRTY, [k.dirty], args)) as string[];
    },
    markDirty: async (id: string) => void (await redis.sadd(k.dirty, id)),
    holdFlush: async (id: string, ms: number) => void (await redis.set(k.flushLock(id), '1', 'PX', Math.max(1, Math.ceil(ms)))),
  };
}

function parseSession(h: Record<string, string> | null | undefined): Session | undefined {
  if (!h || !h.id || !SESSION_KINDS.includes(h.kind as SessionKind)) return undefined;
  const n = (v: string | undefined) => Number(v ?? 0);
  return {
    id: h.id,
    kind: h.kind as SessionKind,
    theme: h.theme ?? '',
    place: h.place ?? '',
    startAt: n(h.startAt),
    endAt: n(h.endAt),
    deadlineAt: n(h.deadlineAt),
    capacity: n(h.capacity),
    status: h.status === 'cancelled' ? 'cancelled' : 'open',
    createdBy: h.createdBy ?? '',
    createdAt: n(h.createdAt),
    version: n(h.version) || 1,
    remindDayBeforeAt: n(h.remindDayBeforeAt),
    remindSoonAt: n(h.remindSoonAt),
    ...(h.channel ? { channel: h.channel } : {}),
    ...(h.messageTs ? { messageTs: h.messageTs } : {}),
  };
}

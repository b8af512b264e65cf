import type { Redis } from '../infra/redis.js';
import { immediate, type Durability } from '../infra/durable.js';
import { keysFor, SESSION_ID } from './keys.js';
import { migrateFromSharedTag } from './migrate.js';
import { CANCEL_SESSION, CLAIM_DUE, COMPLETE_DUE, CREATE_SESSION, DEFER_DUE, JOIN, LEAVE, loadScripts, RESCHEDULE, runScript, SAVE_SURVEY, SET_CAPACITY, SET_IF_EXISTS, TAKE_DIRTY } from './lua.js';
import { SESSION_KINDS, type Session, type SessionKind, type SessionView } from './types.js';

/**
 * Every Redis and Lua call of World Café (keys: src/worldcafe/keys.ts, scripts: lua.ts), in
 * three parts: sessions and seats, the due-queue of direct messages, and the "dirty" set behind
 * the coalesced channel-message updates. Raw script replies go up to the service, which reads them.
 *
 * Each script changes one session (its own hash tag: one Cluster slot per session). The indexes
 * across sessions live elsewhere and are kept around the scripts, each in the safe direction:
 * a person's list of sessions is added to before the join and never trimmed on leaving (it is
 * read against the session, and sessions gone are dropped from it); a session is marked dirty
 * after its change; `upcoming` and `active` are set after the session is written.
 */
export type WorldcafeStore = ReturnType<typeof createWorldcafeStore>;

type Reply = (string | number)[];

/**
 * A session can have notices due until a day after it ends, or after its survey goes out (the
 * next working day when it ends on a closed day); none are queued after its start except a
 * survey put off to a later day, which extends it.
 */
const ACTIVE_AFTER_END_MS = 24 * 60 * 60 * 1000;
const activeUntil = (s: { endAt: number; surveyAt?: number }) => Math.max(s.endAt, s.surveyAt ?? 0) + ACTIVE_AFTER_END_MS;

/**
 * `prefix`: the keys' tag, "wc" unless tests or benchmarks want their own.
 * `durable`: seat changes are confirmed on the replicas before the person is told (src/infra/durable.ts).
 */
export function createWorldcafeStore(redis: Redis, prefix?: string, durable: Durability = immediate) {
  const k = keysFor(prefix);
  const seatKeys = (id: string) => [k.session(id), k.confirmed(id), k.waiting(id), k.due(id)];
  const run = async (script: string, keys: string[], args: (string | number)[]) => (await runScript(redis, script, keys, args)) as Reply;
  const markDirty = async (id: string) => void (await redis.sadd(k.dirty, id));
  const changed = (r: Reply) => r[0] !== 'refused' && r[0] !== 'not_signed_up' && !String(r[0]).startsWith('already_');

  /**
   * Runs a seat change, confirmed on the replicas and run again after a failover. A retry of a
   * change that was kept answers "already …": the caller gets what the kept attempt did.
   */
  async function seatChange(id: string, run: () => Promise<Reply>): Promise<Reply> {
    let kept: Reply | undefined;
    const last = await durable.write(k.session(id), async () => {
      const r = await run();
      if (changed(r)) kept = r;
      return r;
    });
    if (kept) await markDirty(id);
    return kept ?? last;
  }

  /** Ids of sessions that may have notices due at `now`. */
  async function activeIds(now: number): Promise<string[]> {
    await redis.zremrangebyscore(k.active, '-inf', `(${now}`);
    return redis.zrangebyscore(k.active, now, '+inf');
  }

  async function views(ids: string[]): Promise<SessionView[]> {
    const res = await Promise.all(ids.map((id) => redis.pipeline().hgetall(k.session(id)).zcard(k.confirmed(id)).zcard(k.waiting(id)).exec()));
    const out: SessionView[] = [];
    for (const r of res) {
      const [[e1, hash] = [], [, confirmed] = [], [, waiting] = []] = r ?? [];
      if (e1) throw e1;
      const s = parseSession(hash as Record<string, string>);
      if (s) out.push({ ...s, confirmed: Number(confirmed ?? 0), waiting: Number(waiting ?? 0) });
    }
    return out;
  }

  return {
    keys: k,
    /** Loads the Lua scripts ahead of use (a miss later is handled anyway) and moves data kept in the older layout. */
    prepare: async () => {
      await loadScripts(redis);
      return migrateFromSharedTag(redis, k);
    },

    // --- sessions and seats ------------------------------------------------------------------
    get: async (id: string) => parseSession(await redis.hgetall(k.session(id))),
    views,
    /**
     * 1 when created, 0 when a session with this id exists (its indexes are set again either way).
     * Sessions that started before `keepSince` (their data has expired) leave the start index.
     */
    create: async (s: Session, extra: { seq: number; expireAt: number }, keepSince: number, now: number) => {
      const fields = Object.entries({ ...s, ...extra }).flatMap(([f, v]) => [f, String(v)]);
      const created = Number(await durable.write(k.session(s.id), () => runScript(redis, CREATE_SESSION, [k.session(s.id)], [s.id, extra.expireAt, now, ...fields])));
      const existing = created === 1 ? s : parseSession(await redis.hgetall(k.session(s.id)));
      if (existing && existing.status === 'open') {
        await Promise.all([
          redis.zadd(k.upcoming, existing.startAt, s.id),
          redis.zadd(k.active, activeUntil(existing), s.id),
          redis.zadd(k.all, existing.startAt, s.id),
          redis.zremrangebyscore(k.all, '-inf', `(${keepSince}`),
        ]);
      }
      return created;
    },
    /** Ids of every session starting in [from, to) (the monthly report). Reads only. */
    idsStarting: (from: number, to: number) => redis.zrangebyscore(k.all, from, `(${to}`),
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
      const res = await Promise.all(ids.map((id) => redis.pipeline().zscore(k.confirmed(id), userId).zrank(k.waiting(id), userId).exec()));
      return res.map((r) => ({ confirmed: (r?.[0]?.[1] ?? null) as string | null, rank: (r?.[1]?.[1] ?? null) as number | null }));
    },
    attendees: async (id: string) => {
      const [confirmed, waiting] = await Promise.all([redis.zrange(k.confirmed(id), 0, '-1'), redis.zrange(k.waiting(id), 0, '-1')]);
      return { confirmed, waiting };
    },
    join: (id: string, userId: string, now: number) =>
      seatChange(id, async () => (await Promise.all([redis.sadd(k.user(userId), id), run(JOIN, seatKeys(id), [userId, now, id])]))[1]),
    leave: (id: string, userId: string, now: number) => seatChange(id, () => run(LEAVE, seatKeys(id), [userId, now, id])),
    setCapacity: (id: string, capacity: number, now: number) => seatChange(id, () => run(SET_CAPACITY, seatKeys(id), [capacity, now, id])),
    /** args: now, id, startAt, endAt, deadlineAt, remindDayBeforeAt, remindSoonAt, expireAt, surveyAt. */
    reschedule: async (id: string, args: (string | number)[]) => {
      const r = await seatChange(id, () => run(RESCHEDULE, seatKeys(id), args));
      if (r[0] === 'rescheduled') {
        await Promise.all([
          redis.zadd(k.upcoming, Number(args[2]), id),
          redis.zadd(k.active, activeUntil({ endAt: Number(args[3]), surveyAt: Number(args[8]) }), id),
          redis.zadd(k.all, Number(args[2]), id),
        ]);
      }
      return r;
    },
    cancel: async (id: string, now: number) => {
      const r = await seatChange(id, () => run(CANCEL_SESSION, seatKeys(id), [now, id]));
      // Stays in `active`: the "cancelled" notices are still to go.
      if (r[0] === 'cancelled') await redis.zrem(k.upcoming, id);
      return r;
    },

    // --- the due-queue of direct messages ----------------------------------------------------
    /** [member, tries, member, tries …] leased until `lease`, across the sessions that have some due. */
    claimDue: async (now: number, limit: number, lease: number) => {
      const ids = await activeIds(now);
      const counts = await Promise.all(ids.map((id) => redis.zcount(k.due(id), '-inf', now)));
      const out: Reply = [];
      for (const [i, id] of ids.entries()) {
        if (counts[i] === 0 || out.length / 2 >= limit) continue;
        const claimed = await run(CLAIM_DUE, [k.due(id), k.dueTries(id)], [now, limit - out.length / 2, lease]);
        // A lease a failover could drop would let a second replica send the same message.
        if (claimed.length > 0) await durable.confirm(k.due(id));
        out.push(...claimed);
      }
      return out;
    },
    completeDue: async (member: string, lease: number) => {
      const id = member.split('|')[1] ?? '';
      if (SESSION_ID.test(id)) await durable.write(k.due(id), () => runScript(redis, COMPLETE_DUE, [k.due(id), k.dueTries(id)], [member, lease]));
    },
    /** Moves a leased member to a later time, if still held by that lease; the session stays active until then. */
    deferDue: async (member: string, lease: number, at: number) => {
      const id = member.split('|')[1] ?? '';
      if (!SESSION_ID.test(id)) return;
      await durable.write(k.due(id), () => runScript(redis, DEFER_DUE, [k.due(id), k.dueTries(id)], [member, lease, at]));
      await redis.zadd(k.active, 'GT', at + ACTIVE_AFTER_END_MS, id);
    },
    pendingDue: async () => {
      const ids = await redis.zrange(k.active, 0, '-1');
      const all = await Promise.all(ids.map((id) => redis.zrange(k.due(id), 0, '-1', 'WITHSCORES') as unknown as Promise<string[]>));
      const out: { member: string; at: number }[] = [];
      for (const r of all) for (let i = 0; i < r.length; i += 2) out.push({ member: r[i]!, at: Number(r[i + 1]) });
      return out.sort((a, b) => a.at - b.at);
    },

    // --- the post-session survey -------------------------------------------------------------
    /** ['saved' | 'replaced'] or ['refused', reason]: checks attendance and stores in one step, confirmed on the replicas. */
    saveSurvey: (id: string, userId: string, now: number, json: string) =>
      durable.write(k.session(id), () => run(SAVE_SURVEY, [k.session(id), k.confirmed(id), k.survey(id)], [userId, now, json])),
    surveyAnswerOf: (id: string, userId: string) => redis.hget(k.survey(id), userId),
    /** Every answer of a session, without who gave it. */
    surveyAnswers: (id: string) => redis.hvals(k.survey(id)),

    // --- coalesced channel-message updates ---------------------------------------------------
    takeDirty: async (lockMs: number, limit: number, budget?: { window: string; max: number; ttlMs: number }) => {
      const args = [`${k.prefix}:flush:`, lockMs, limit, `${k.prefix}:budget:${budget?.window ?? '-'}`, budget?.max ?? 0, budget?.ttlMs ?? 1];
      return (await runScript(redis, TAKE_DIRTY, [k.dirty], args)) as string[];
    },
    markDirty,
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
    surveyAt: n(h.surveyAt),
    waitPeak: n(h.waitPeak),
    withdrawn: n(h.withdrawn),
    ...(h.channel ? { channel: h.channel } : {}),
    ...(h.messageTs ? { messageTs: h.messageTs } : {}),
  };
}

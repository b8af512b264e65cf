import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../infra/clock.js';
import type { Logger } from '../infra/logger.js';
import type { Redis } from '../infra/redis.js';
import { buildIcs } from './ics.js';
import { keysFor, SESSION_ID, type Keys } from './keys.js';
import { isUserId } from '../infra/slack-ids.js';
import { CANCEL_SESSION, CLAIM_DUE, CREATE_SESSION, loadScripts, COMPLETE_DUE, JOIN, LEAVE, RESCHEDULE, runScript, SET_CAPACITY, SET_IF_EXISTS, TAKE_DIRTY } from './lua.js';
import { WorkCalendar } from '../infra/calendar.js';
import { reminderTimes, type WorkdayCalendar } from './reminders.js';
import type { Schedule, SessionDraft } from './schema.js';
import {
  NOTICE_KINDS,
  SESSION_KINDS,
  type CancelSessionResult,
  type CapacityResult,
  type JoinResult,
  type LeaveResult,
  type MySignup,
  type NoticeKind,
  type Refusal,
  type RescheduleResult,
  type SeatState,
  type Session,
  type SessionKind,
  type SessionView,
} from './types.js';

/**
 * The World Café sign-up domain over Redis: sessions, seats (atomic, in Lua), the durable
 * due-queue of direct messages (reminders, promotions, changes) and the "dirty" set that drives
 * the coalesced channel-message updates. Knows nothing of Slack; time comes from the Clock.
 */

export interface WorldcafeServiceOptions {
  redis: Redis;
  clock: Clock;
  logger?: Logger;
  /** Key prefix (with its hash tag); tests and benchmarks use their own. */
  prefix?: string;
  /** How long a session's data is kept after it ends. */
  retentionMs?: number;
  /** Working days for the day-before reminder; default: the shared WorkCalendar (with admin-added closed days). */
  calendar?: WorkdayCalendar;
}

export interface ClaimedNotice {
  member: string;
  kind: NoticeKind;
  sessionId: string;
  userId: string;
  /** How many times this notice has been claimed (1 = first try). */
  tries: number;
  /** The lease it is held under; pass to completeNotice. */
  lease: number;
}

const DEFAULT_RETENTION_MS = 180 * 24 * 60 * 60 * 1000;

export type WorldcafeService = ReturnType<typeof createWorldcafeService>;

export function createWorldcafeService(opts: WorldcafeServiceOptions) {
  const { redis, clock } = opts;
  const k: Keys = keysFor(opts.prefix);
  const retention = opts.retentionMs ?? DEFAULT_RETENTION_MS;
  const calendar = opts.calendar ?? new WorkCalendar(redis);
  const now = () => clock.now().getTime();
  const validId = (id: unknown): id is string => typeof id === 'string' && SESSION_ID.test(id);
  const seatKeys = (id: string, userId: string) => [k.session(id), k.confirmed(id), k.waiting(id), k.user(userId), k.due, k.dirty];
  const sessionKeys = (id: string) => [k.session(id), k.confirmed(id), k.waiting(id), k.upcoming, k.due, k.dirty];

  async function get(id: string): Promise<Session | undefined> {
    if (!validId(id)) return undefined;
    return parseSession(await redis.hgetall(k.session(id)));
  }

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

    /** Loads the Lua scripts into Redis ahead of use (at start-up; a miss later is handled anyway). */
    async prepare(): Promise<void> {
      await loadScripts(redis);
    },

    /**
     * Stores a validated draft as a new open session. With `requestKey` (e.g. the modal's view id)
     * a repeated submission returns the session the first one created instead of a second one.
     */
    async create(draft: SessionDraft, createdBy: string, opts: { requestKey?: string } = {}): Promise<Session> {
      const id = opts.requestKey
        ? createHash('sha256').update(`${k.prefix}|${opts.requestKey}`).digest('hex').slice(0, 12)
        : randomBytes(6).toString('hex');
      const r = await reminderTimes(draft.startAt, calendar);
      const session: Session = {
        id,
        kind: draft.kind,
        theme: draft.theme,
        place: draft.place,
        startAt: draft.startAt,
        endAt: draft.endAt,
        deadlineAt: draft.deadlineAt,
        capacity: draft.capacity,
        status: 'open',
        createdBy,
        createdAt: now(),
        version: 1,
        remindDayBeforeAt: r.dayBefore,
        remindSoonAt: r.soon,
      };
      const expireAt = draft.endAt + retention;
      const fields = Object.entries({ ...session, seq: 0, expireAt }).flatMap(([f, v]) => [f, String(v)]);
      const created = await runScript(redis, CREATE_SESSION, [k.session(id), k.upcoming], [id, expireAt, draft.startAt, ...fields]);
      if (created === 0) {
        const existing = await get(id);
        if (existing) return existing;
      }
      return session;
    },

    /** Remembers the channel message announcing the session. */
    async setAnnouncement(id: string, channel: string, ts: string): Promise<boolean> {
      if (!validId(id)) return false;
      return (await runScript(redis, SET_IF_EXISTS, [k.session(id)], ['channel', channel, 'messageTs', ts])) === 1;
    },

    get,

    async view(id: string): Promise<SessionView | undefined> {
      if (!validId(id)) return undefined;
      return (await views([id]))[0];
    },

    /** Open sessions that have not started yet, soonest first. */
    async listUpcoming(limit = 20): Promise<SessionView[]> {
      const t = now();
      // Sessions that started long ago drop out of the index.
      await redis.zremrangebyscore(k.upcoming, '-inf', t - 24 * 60 * 60 * 1000);
      const ids = await redis.zrangebyscore(k.upcoming, `(${t}`, '+inf', 'LIMIT', 0, limit);
      return (await views(ids)).filter((s) => s.status === 'open');
    },

    /** The user's sign-ups for sessions that have not ended, soonest first. */
    async mine(userId: string): Promise<MySignup[]> {
      if (!isUserId(userId)) return [];
      const ids = await redis.smembers(k.user(userId));
      const t = now();
      const all = await views(ids);
      const p = redis.pipeline();
      for (const s of all) p.zscore(k.confirmed(s.id), userId).zrank(k.waiting(s.id), userId);
      const res = (await p.exec()) ?? [];
      const out: MySignup[] = [];
      all.forEach((s, i) => {
        if (s.endAt <= t || s.status === 'cancelled') return;
        const confirmed = res[i * 2]?.[1];
        const rank = res[i * 2 + 1]?.[1];
        if (confirmed !== null && confirmed !== undefined) out.push({ session: s, state: 'confirmed' });
        else if (typeof rank === 'number') out.push({ session: s, state: 'waiting', position: rank + 1 });
      });
      const stale = ids.filter((id) => !all.some((s) => s.id === id));
      if (stale.length > 0) await redis.srem(k.user(userId), ...stale);
      return out.sort((a, b) => a.session.startAt - b.session.startAt);
    },

    /** Where one user stands in one session. */
    async seatOf(id: string, userId: string): Promise<{ state: SeatState; position?: number }> {
      if (!validId(id) || !isUserId(userId)) return { state: 'none' };
      const [[, score], [, rank]] = ((await redis.pipeline().zscore(k.confirmed(id), userId).zrank(k.waiting(id), userId).exec()) ?? []) as [
        [unknown, string | null],
        [unknown, number | null],
      ];
      if (score !== null) return { state: 'confirmed' };
      if (rank !== null) return { state: 'waiting', position: rank + 1 };
      return { state: 'none' };
    },

    /** Everyone signed up, in order. */
    async attendees(id: string): Promise<{ confirmed: string[]; waiting: string[] }> {
      if (!validId(id)) return { confirmed: [], waiting: [] };
      const [confirmed, waiting] = await Promise.all([redis.zrange(k.confirmed(id), 0, '-1'), redis.zrange(k.waiting(id), 0, '-1')]);
      return { confirmed, waiting };
    },

    /** Takes a seat, or a place on the waitlist when full. Atomic. */
    async join(id: string, userId: string): Promise<JoinResult> {
      if (!validId(id) || !isUserId(userId)) return { outcome: 'refused', reason: 'missing' };
      const r = (await runScript(redis, JOIN, seatKeys(id, userId), [userId, now(), id])) as (string | number)[];
      if (r[0] === 'refused') return { outcome: 'refused', reason: r[1] as Refusal };
      const [outcome, position, confirmed, capacity, waiting] = r as [string, number, number, number, number];
      const counts = { confirmed, capacity, waiting };
      if (outcome === 'waiting' || outcome === 'already_waiting') return { outcome, position, ...counts };
      return { outcome: outcome as 'confirmed' | 'already_confirmed', ...counts };
    },

    /** Gives up a seat (promoting the first waiting) or a waitlist place. Atomic. */
    async leave(id: string, userId: string): Promise<LeaveResult> {
      if (!validId(id) || !isUserId(userId)) return { outcome: 'refused', reason: 'missing' };
      const r = (await runScript(redis, LEAVE, seatKeys(id, userId), [userId, now(), id])) as (string | number)[];
      if (r[0] === 'refused') return { outcome: 'refused', reason: r[1] as Refusal };
      if (r[0] === 'not_signed_up') return { outcome: 'not_signed_up' };
      const [outcome, confirmed, capacity, waiting, ...promoted] = r as [string, number, number, number, ...string[]];
      if (outcome === 'left_seat') return { outcome, promoted, confirmed, capacity, waiting };
      return { outcome: 'left_waitlist', confirmed, capacity, waiting };
    },

    /** Changes the capacity: raising promotes in order, lowering removes nobody. Atomic. */
    async setCapacity(id: string, capacity: number): Promise<CapacityResult> {
      if (!validId(id)) return { outcome: 'refused', reason: 'missing' };
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > 500) throw new RangeError('capacity must be 1–500');
      const keys = [k.session(id), k.confirmed(id), k.waiting(id), k.due, k.dirty];
      const r = (await runScript(redis, SET_CAPACITY, keys, [capacity, now(), id])) as (string | number)[];
      if (r[0] === 'refused') return { outcome: 'refused', reason: r[1] as Refusal };
      const [, confirmed, cap, waiting, ...promoted] = r as [string, number, number, number, ...string[]];
      return { outcome: 'changed', promoted, confirmed, capacity: cap, waiting };
    },

    /** Moves the session; everyone signed up must be told (queued as "moved" notices). */
    async reschedule(id: string, schedule: Schedule): Promise<RescheduleResult> {
      if (!validId(id)) return { outcome: 'refused', reason: 'missing' };
      const r = await reminderTimes(schedule.startAt, calendar);
      const args = [now(), id, schedule.startAt, schedule.endAt, schedule.deadlineAt, r.dayBefore, r.soon, schedule.endAt + retention];
      const out = (await runScript(redis, RESCHEDULE, sessionKeys(id), args)) as (string | number)[];
      if (out[0] === 'refused') return { outcome: 'refused', reason: out[1] as Refusal };
      const nConfirmed = Number(out[2]);
      const people = out.slice(3).map(String);
      const session = await get(id);
      if (!session) return { outcome: 'refused', reason: 'missing' };
      return { outcome: 'rescheduled', session, notify: { confirmed: people.slice(0, nConfirmed), waiting: people.slice(nConfirmed) } };
    },

    /** Cancels the session; everyone signed up must be told (queued as "cancelled" notices). */
    async cancelSession(id: string): Promise<CancelSessionResult> {
      if (!validId(id)) return { outcome: 'refused', reason: 'missing' };
      const out = (await runScript(redis, CANCEL_SESSION, sessionKeys(id), [now(), id])) as (string | number)[];
      if (out[0] === 'refused') return { outcome: 'refused', reason: out[1] as Refusal };
      const nConfirmed = Number(out[1]);
      const people = out.slice(2).map(String);
      const session = await get(id);
      if (!session) return { outcome: 'refused', reason: 'missing' };
      return { outcome: 'cancelled', session, notify: { confirmed: people.slice(0, nConfirmed), waiting: people.slice(nConfirmed) } };
    },

    /** The .ics for a session, or undefined when it does not exist. */
    async ics(id: string, description?: string): Promise<string | undefined> {
      const s = await get(id);
      return s ? buildIcs(s, clock.now(), { description }) : undefined;
    },

    // --- the due-queue of direct messages -------------------------------------------------

    /**
     * Leases up to `limit` notices that are due now. A leased notice is invisible to every other
     * replica until the lease runs out; if this process dies before completeNotice, another
     * replica takes it after `leaseMs`.
     */
    async claimNotices(limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
      const t = now();
      const lease = t + leaseMs;
      const r = (await runScript(redis, CLAIM_DUE, [k.due, k.dueTries], [t, limit, lease])) as (string | number)[];
      const out: ClaimedNotice[] = [];
      for (let i = 0; i < r.length; i += 2) {
        const member = String(r[i]);
        const [kind, sessionId, userId] = member.split('|') as [NoticeKind, string, string];
        if (!NOTICE_KINDS.includes(kind) || !sessionId || !userId) {
          await runScript(redis, COMPLETE_DUE, [k.due, k.dueTries], [member, lease]);
          continue;
        }
        out.push({ member, kind, sessionId, userId, tries: Number(r[i + 1]), lease });
      }
      return out;
    },

    /** Marks a leased notice done (sent, or dropped on purpose). */
    async completeNotice(n: Pick<ClaimedNotice, 'member' | 'lease'>): Promise<void> {
      await runScript(redis, COMPLETE_DUE, [k.due, k.dueTries], [n.member, n.lease]);
    },

    /** When the next notice falls due (for tests and the poller's sleep). */
    async nextNoticeAt(): Promise<number | undefined> {
      const r = (await redis.zrange(k.due, 0, '0', 'WITHSCORES')) as unknown as string[];
      return r[1] === undefined ? undefined : Number(r[1]);
    },

    /** Pending notices with their due times (for tests and operators). */
    async pendingNotices(): Promise<{ member: string; at: number }[]> {
      const r = (await redis.zrange(k.due, 0, '-1', 'WITHSCORES')) as unknown as string[];
      const out: { member: string; at: number }[] = [];
      for (let i = 0; i < r.length; i += 2) out.push({ member: r[i]!, at: Number(r[i + 1]) });
      return out;
    },

    // --- coalesced channel-message updates ------------------------------------------------

    /**
     * Takes sessions whose channel message is out of date, at most one per session per
     * `lockMs` across every replica (the lock is left to expire: that is the rate limit).
     */
    async takeDirty(lockMs: number, limit = 20, budget?: { window: string; max: number; ttlMs: number }): Promise<string[]> {
      const args = [`${k.prefix}:flush:`, lockMs, limit, `${k.prefix}:budget:${budget?.window ?? '-'}`, budget?.max ?? 0, budget?.ttlMs ?? 1];
      return (await runScript(redis, TAKE_DIRTY, [k.dirty], args)) as string[];
    },

    async markDirty(id: string): Promise<void> {
      if (validId(id)) await redis.sadd(k.dirty, id);
    },

    /** Keeps a session's flush lock for `ms` (after a 429, Slack's Retry-After). */
    async holdFlush(id: string, ms: number): Promise<void> {
      await redis.set(k.flushLock(id), '1', 'PX', Math.max(1, Math.ceil(ms)));
    },
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

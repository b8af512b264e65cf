import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../infra/clock.js';
import type { Logger } from '../infra/logger.js';
import { isUserId } from '../infra/slack-ids.js';
import { buildIcs } from './ics.js';
import { SESSION_ID } from './keys.js';
import { reminderTimes, surveyTime, type WorkdayCalendar } from './reminders.js';
import type { Schedule, SessionDraft } from './schema.js';
import type { WorldcafeStore } from './store.js';
import {
  NOTICE_KINDS,
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
  type SessionView,
} from './types.js';

/**
 * The World Café sign-up rules: sessions, seats (atomic, in Lua: src/worldcafe/store.ts), the
 * durable due-queue of direct messages (reminders, promotions, changes) and the "dirty" set that
 * drives the coalesced channel-message updates. Knows nothing of Slack; time comes from the Clock.
 */

export interface WorldcafeServiceOptions {
  /** Redis, through src/worldcafe/store.ts (its keys carry the prefix: tests and benchmarks use their own). */
  store: WorldcafeStore;
  clock: Clock;
  logger?: Logger;
  /** How long a session's data is kept after it ends. */
  retentionMs?: number;
  /** Working days for the day-before reminder: the shared WorkCalendar (with admin-added closed days). */
  calendar: WorkdayCalendar;
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
  const { store, clock, calendar } = opts;
  const k = store.keys;
  const retention = opts.retentionMs ?? DEFAULT_RETENTION_MS;
  const now = () => clock.now().getTime();
  const validId = (id: unknown): id is string => typeof id === 'string' && SESSION_ID.test(id);
  const refused = (r: (string | number)[]) => ({ outcome: 'refused' as const, reason: r[1] as Refusal });

  async function get(id: string): Promise<Session | undefined> {
    return validId(id) ? store.get(id) : undefined;
  }

  return {
    keys: k,

    /** Loads the Lua scripts into Redis ahead of use (at start-up; a miss later is handled anyway). */
    prepare: () => store.prepare(),

    /**
     * Stores a validated draft as a new open session. With `requestKey` (e.g. the modal's view id)
     * a repeated submission returns the session the first one created instead of a second one.
     */
    async create(draft: SessionDraft, createdBy: string, opts: { requestKey?: string } = {}): Promise<Session> {
      const id = opts.requestKey
        ? createHash('sha256').update(`${k.prefix}|${opts.requestKey}`).digest('hex').slice(0, 12)
        : randomBytes(6).toString('hex');
      const r = await reminderTimes(draft.startAt, calendar);
      const survey = await surveyTime(draft.endAt, calendar);
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
        surveyAt: survey,
        waitPeak: 0,
        withdrawn: 0,
      };
      const at = now();
      const created = await store.create(session, { seq: 0, expireAt: draft.endAt + retention }, at - retention, at);
      if (created === 0) {
        const existing = await get(id);
        if (existing) return existing;
      }
      return session;
    },

    /** Remembers the channel message announcing the session. */
    async setAnnouncement(id: string, channel: string, ts: string): Promise<boolean> {
      if (!validId(id)) return false;
      return (await store.setFields(id, { channel, messageTs: ts })) === 1;
    },

    get,

    async view(id: string): Promise<SessionView | undefined> {
      if (!validId(id)) return undefined;
      return (await store.views([id]))[0];
    },

    /** Every session (open or cancelled) starting in [from, to), with its seat counts. Reads only. */
    async sessionsStarting(from: number, to: number): Promise<SessionView[]> {
      return store.views(await store.idsStarting(from, to));
    },

    /** Open sessions that have not started yet, soonest first. */
    async listUpcoming(limit = 20): Promise<SessionView[]> {
      return (await store.views(await store.upcomingIds(now(), limit))).filter((s) => s.status === 'open');
    },

    /** The user's sign-ups for sessions that have not ended, soonest first. */
    async mine(userId: string): Promise<MySignup[]> {
      if (!isUserId(userId)) return [];
      const ids = await store.userSessionIds(userId);
      const t = now();
      const all = await store.views(ids);
      const positions = await store.positions(all.map((s) => s.id), userId);
      const out: MySignup[] = [];
      all.forEach((s, i) => {
        const { confirmed, rank } = positions[i]!;
        if (s.endAt <= t || s.status === 'cancelled') return;
        if (confirmed !== null) out.push({ session: s, state: 'confirmed' });
        else if (rank !== null) out.push({ session: s, state: 'waiting', position: rank + 1 });
      });
      const stale = ids.filter((id) => !all.some((s) => s.id === id));
      if (stale.length > 0) await store.forgetUserSessions(userId, stale);
      return out.sort((a, b) => a.session.startAt - b.session.startAt);
    },

    /** Where one user stands in one session. */
    async seatOf(id: string, userId: string): Promise<{ state: SeatState; position?: number }> {
      if (!validId(id) || !isUserId(userId)) return { state: 'none' };
      const [{ confirmed: score, rank } = { confirmed: null, rank: null }] = await store.positions([id], userId);
      if (score !== null) return { state: 'confirmed' };
      if (rank !== null) return { state: 'waiting', position: rank + 1 };
      return { state: 'none' };
    },

    /** Everyone signed up, in order. */
    async attendees(id: string): Promise<{ confirmed: string[]; waiting: string[] }> {
      if (!validId(id)) return { confirmed: [], waiting: [] };
      return store.attendees(id);
    },

    /** Takes a seat, or a place on the waitlist when full. Atomic. */
    async join(id: string, userId: string): Promise<JoinResult> {
      if (!validId(id) || !isUserId(userId)) return { outcome: 'refused', reason: 'missing' };
      const r = await store.join(id, userId, now());
      if (r[0] === 'refused') return refused(r);
      const [outcome, position, confirmed, capacity, waiting] = r as [string, number, number, number, number];
      const counts = { confirmed, capacity, waiting };
      if (outcome === 'waiting' || outcome === 'already_waiting') return { outcome, position, ...counts };
      return { outcome: outcome as 'confirmed' | 'already_confirmed', ...counts };
    },

    /** Gives up a seat (promoting the first waiting) or a waitlist place. Atomic. */
    async leave(id: string, userId: string): Promise<LeaveResult> {
      if (!validId(id) || !isUserId(userId)) return { outcome: 'refused', reason: 'missing' };
      const r = await store.leave(id, userId, now());
      if (r[0] === 'refused') return refused(r);
      if (r[0] === 'not_signed_up') return { outcome: 'not_signed_up' };
      const [outcome, confirmed, capacity, waiting, ...promoted] = r as [string, number, number, number, ...string[]];
      if (outcome === 'left_seat') return { outcome, promoted, confirmed, capacity, waiting };
      return { outcome: 'left_waitlist', confirmed, capacity, waiting };
    },

    /** Changes the capacity: raising promotes in order, lowering removes nobody. Atomic. */
    async setCapacity(id: string, capacity: number): Promise<CapacityResult> {
      if (!validId(id)) return { outcome: 'refused', reason: 'missing' };
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > 500) throw new RangeError('capacity must be 1–500');
      const r = await store.setCapacity(id, capacity, now());
      if (r[0] === 'refused') return refused(r);
      const [, confirmed, cap, waiting, ...promoted] = r as [string, number, number, number, ...string[]];
      return { outcome: 'changed', promoted, confirmed, capacity: cap, waiting };
    },

    /** Moves the session; everyone signed up must be told (queued as "moved" notices). */
    async reschedule(id: string, schedule: Schedule): Promise<RescheduleResult> {
      if (!validId(id)) return { outcome: 'refused', reason: 'missing' };
      const r = await reminderTimes(schedule.startAt, calendar);
      const survey = await surveyTime(schedule.endAt, calendar);
      const args = [now(), id, schedule.startAt, schedule.endAt, schedule.deadlineAt, r.dayBefore, r.soon, schedule.endAt + retention, survey];
      const out = await store.reschedule(id, args);
      if (out[0] === 'refused') return refused(out);
      const nConfirmed = Number(out[2]);
      const people = out.slice(3).map(String);
      const session = await get(id);
      if (!session) return { outcome: 'refused', reason: 'missing' };
      return { outcome: 'rescheduled', session, notify: { confirmed: people.slice(0, nConfirmed), waiting: people.slice(nConfirmed) } };
    },

    /** Cancels the session; everyone signed up must be told (queued as "cancelled" notices). */
    async cancelSession(id: string): Promise<CancelSessionResult> {
      if (!validId(id)) return { outcome: 'refused', reason: 'missing' };
      const out = await store.cancel(id, now());
      if (out[0] === 'refused') return refused(out);
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
      const r = await store.claimDue(t, limit, lease);
      const out: ClaimedNotice[] = [];
      for (let i = 0; i < r.length; i += 2) {
        const member = String(r[i]);
        const [kind, sessionId, userId] = member.split('|') as [NoticeKind, string, string];
        if (!NOTICE_KINDS.includes(kind) || !sessionId || !userId) {
          await store.completeDue(member, lease);
          continue;
        }
        out.push({ member, kind, sessionId, userId, tries: Number(r[i + 1]), lease });
      }
      return out;
    },

    /** Marks a leased notice done (sent, or dropped on purpose). */
    async completeNotice(n: Pick<ClaimedNotice, 'member' | 'lease'>): Promise<void> {
      await store.completeDue(n.member, n.lease);
    },

    /** Puts a leased notice back in the queue, due at `at` (e.g. the survey on a day the office turned out closed). */
    async deferNotice(n: Pick<ClaimedNotice, 'member' | 'lease'>, at: number): Promise<void> {
      await store.deferDue(n.member, n.lease, at);
    },

    /** Pending notices with their due times (for tests and operators). */
    pendingNotices: () => store.pendingDue(),

    // --- coalesced channel-message updates ------------------------------------------------

    /**
     * Takes sessions whose channel message is out of date, at most one per session per
     * `lockMs` across every replica (the lock is left to expire: that is the rate limit).
     */
    takeDirty: (lockMs: number, limit = 20, budget?: { window: string; max: number; ttlMs: number }) => store.takeDirty(lockMs, limit, budget),

    async markDirty(id: string): Promise<void> {
      if (validId(id)) await store.markDirty(id);
    },

    /** Keeps a session's flush lock for `ms` (after a 429, Slack's Retry-After). */
    holdFlush: (id: string, ms: number) => store.holdFlush(id, ms),
  };
}

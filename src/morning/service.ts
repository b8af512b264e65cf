import type { Redis } from 'ioredis';
import { fromTokyo, tokyoDate, tokyoTime, type Clock } from '../infra/clock.js';
import type { Logger } from '../infra/logger.js';
import { claimOnce, releaseOnce } from '../infra/once.js';
import { addDays, formatDateJa, WorkCalendar, type ClosedDay, type DayStatus } from '../infra/calendar.js';
import { loadCatalogue, type Catalogue, type MorningPrompt, type Pool } from './catalogue.js';
import { FRESH, nextPrompt, RotationStore, type RotationState } from './rotation.js';
import { catchUpDeadline, minutesOf, parseTime } from './schedule.js';
import { SubscriptionStore } from './subscriptions.js';
import type { Poster, RenderedMessage } from '../infra/poster.js';
import type { DayOutcome, MorningPost, Subscription, TickResult } from './types.js';
import { errorMessage } from '../infra/errors.js';

/**
 * The morning-meeting prompts: subscriptions, per-channel post times, the daily run (exactly one
 * post per channel per working day, across replicas and restarts), preview and status.
 * Plain data in and out; Slack is reached only through the injected Poster.
 */

export interface MorningServiceOptions {
  redis: Redis;
  clock: Clock;
  logger: Logger;
  poster: Poster;
  /** The working calendar (shared with World Café's reminders). */
  calendar: WorkCalendar;
  /** Turns a post into text + blocks (the Slack layer's Block Kit builder). */
  render(post: MorningPost): RenderedMessage;
  /** MORNING_TIME: the post time of channels without their own. */
  defaultTime: string;
  catalogue?: Catalogue;
}

export interface MorningStatus {
  channel: string;
  subscribed: boolean;
  time: string;
  ownTime: boolean;
  defaultTime: string;
  today: { date: string; day: DayStatus; deadline: string; outcome?: DayOutcome; pending: boolean };
  /** The next post, or null when none within 60 days (or not subscribed). */
  next: { date: string; time: string; late: boolean } | null;
  lastPost?: DayOutcome;
  lastSkip?: DayOutcome;
  closedDays: ClosedDay[];
}

export type SetTimeResult =
  | { ok: true; time: string; previous: string }
  | { ok: false; message: string };

/** While a post is being made the day's key holds a lease; after it, the outcome. */
const LEASE_SECONDS = 180;
const OUTCOME_SECONDS = 8 * 24 * 3600;

const dayKey = (date: string, channel: string) => `morning:day:${date}:${channel}`;
const errorKey = (date: string, channel: string) => `morning:error:${date}:${channel}`;
const lastPostKey = (channel: string) => `morning:last-post:${channel}`;
const lastSkipKey = (channel: string) => `morning:last-skip:${channel}`;

/** Which pool a working day draws from: its week's first working day → week_start, last → week_end. */
export async function poolFor(calendar: WorkCalendar, catalogue: Catalogue, date: string): Promise<Pool> {
  const days = await calendar.workdaysOfWeek(date);
  if (days[0] === date && catalogue.pool('week_start').length > 0) return 'week_start';
  if (days.at(-1) === date && catalogue.pool('week_end').length > 0) return 'week_end';
  return 'any';
}

/**
 * What the job would do on `date` for a channel in rotation state `state` (fresh when unknown).
 * Read-only: the CLI and preview use it.
 */
export async function planMorning(input: {
  calendar: WorkCalendar;
  catalogue: Catalogue;
  date: string;
  state?: (pool: Pool) => Promise<RotationState>;
}): Promise<{ date: string; workday: boolean; reason: string | null; pool: Pool | null; prompt: MorningPrompt | null }> {
  const day = await input.calendar.dayStatus(input.date);
  if (!day.workday) return { date: input.date, workday: false, reason: day.reason, pool: null, prompt: null };
  const pool = await poolFor(input.calendar, input.catalogue, input.date);
  const state = input.state ? await input.state(pool) : FRESH;
  return { date: input.date, workday: true, reason: null, pool, prompt: nextPrompt(input.catalogue, pool, state).prompt };
}

export class MorningService {
  readonly calendar: WorkCalendar;
  readonly catalogue: Catalogue;
  readonly defaultTime: string;
  private readonly subs: SubscriptionStore;
  private readonly rotation: RotationStore;
  private running?: Promise<TickResult>;

  constructor(private readonly o: MorningServiceOptions) {
    this.calendar = o.calendar;
    this.catalogue = o.catalogue ?? loadCatalogue();
    this.defaultTime = o.defaultTime;
    this.subs = new SubscriptionStore(o.redis);
    this.rotation = new RotationStore(o.redis);
  }

  today(): string {
    return tokyoDate(this.o.clock.now());
  }

  timeOf(sub: Subscription | undefined): string {
    return sub?.time ?? this.defaultTime;
  }

  subscription(channel: string): Promise<Subscription | undefined> {
    return this.subs.get(channel);
  }

  subscriptions(): Promise<Subscription[]> {
    return this.subs.list();
  }

  /** Subscribes a channel. Posting starts with the next post time after now. */
  async subscribe(channel: string, userId: string): Promise<{ already: boolean; time: string }> {
    const sub: Subscription = { channel, subscribedBy: userId, subscribedAt: this.o.clock.now().toISOString() };
    const added = await this.subs.add(sub);
    const current = added ? sub : await this.subs.get(channel);
    if (added) this.o.logger.info({ channel, user: userId }, 'morning: channel subscribed');
    return { already: !added, time: this.timeOf(current) };
  }

  /** Unsubscribes; the channel's rotation is kept, so subscribing again continues without repeats. */
  async unsubscribe(channel: string, userId: string): Promise<{ wasSubscribed: boolean }> {
    const removed = await this.subs.remove(channel);
    if (removed) this.o.logger.info({ channel, user: userId }, 'morning: channel unsubscribed');
    return { wasSubscribed: removed };
  }

  /** Sets a subscribed channel's own post time. Bad input changes nothing. */
  async setTime(channel: string, input: string, userId: string): Promise<SetTimeResult> {
    const time = parseTime(input);
    if (!time) return { ok: false, message: `「${input.trim() || '（空）'}」は時刻として読めません。「HH:MM」（例: 08:45）の形で、00:00〜23:59 の範囲で指定してください。` };
    const sub = await this.subs.get(channel);
    if (!sub) return { ok: false, message: 'このチャンネルはまだ朝礼の話題を購読していません。先に `/morning subscribe` を実行してください。' };
    const previous = this.timeOf(sub);
    await this.subs.save({ ...sub, time });
    this.o.logger.info({ channel, user: userId, time }, 'morning: channel time set');
    return { ok: true, time, previous };
  }

  /** The pool a date draws from. */
  poolFor(date: string): Promise<Pool> {
    return poolFor(this.calendar, this.catalogue, date);
  }

  /**
   * What this channel would get next (today if today is a working day, else the next working
   * day), without using up anything in its rotation.
   */
  async preview(channel: string): Promise<{ day: DayStatus; post: MorningPost | null }> {
    const today = this.today();
    const day = await this.calendar.dayStatus(today);
    const date = day.workday ? today : await this.calendar.nextWorkday(today);
    if (!date) return { day, post: null };
    const pool = await this.poolFor(date);
    const state = await this.rotation.state(channel, pool);
    return { day, post: { date, pool, prompt: nextPrompt(this.catalogue, pool, state).prompt } };
  }

  async status(channel: string): Promise<MorningStatus> {
    const now = this.o.clock.now();
    const today = tokyoDate(now);
    const sub = await this.subs.get(channel);
    const time = this.timeOf(sub);
    const day = await this.calendar.dayStatus(today);
    const raw = await this.o.redis.get(dayKey(today, channel));
    const outcome = parseOutcome(raw);
    const [lastPost, lastSkip, closedDays] = await Promise.all([
      this.o.redis.get(lastPostKey(channel)).then(parseOutcome),
      this.o.redis.get(lastSkipKey(channel)).then(parseOutcome),
      this.calendar.listClosedDays(today),
    ]);
    return {
      channel,
      subscribed: Boolean(sub),
      time,
      ownTime: Boolean(sub?.time),
      defaultTime: this.defaultTime,
      today: { date: today, day, deadline: catchUpDeadline(time), outcome, pending: Boolean(raw) && !outcome },
      next: sub ? await this.nextPost(sub, now, Boolean(raw)) : null,
      lastPost,
      lastSkip,
      closedDays,
    };
  }

  private async nextPost(sub: Subscription, now: Date, handledToday: boolean): Promise<MorningStatus['next']> {
    const today = tokyoDate(now);
    const time = this.timeOf(sub);
    for (let i = 0; i < 60; i++) {
      const date = addDays(today, i);
      if (!(await this.calendar.isWorkday(date))) continue;
      if (i === 0) {
        if (handledToday) continue;
        const due = fromTokyo(date, time);
        if (new Date(sub.subscribedAt) > due) continue;
        if (now < due) return { date, time, late: false };
        if (tokyoTime(now) < catchUpDeadline(time)) return { date, time: tokyoTime(now), late: true };
        continue;
      }
      return { date, time, late: false };
    }
    return null;
  }

  /**
   * One run of the daily job: posts to every subscribed channel whose post time has come today
   * and that has not had its post yet; skips (and records why) channels whose catch-up window
   * has passed. Safe to run any number of times, from any number of replicas at once.
   */
  runDue(): Promise<TickResult> {
    // Within one process, runs do not overlap (the start-up run and a scheduled tick).
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(): Promise<TickResult> {
    const now = this.o.clock.now();
    const date = tokyoDate(now);
    const day = await this.calendar.dayStatus(date);
    const result: TickResult = { date, workday: day.workday, reason: day.reason, posted: [], skipped: [], failed: [] };
    if (!day.workday) return result;
    const subs = await this.subs.list();
    if (subs.length === 0) return result;
    const pool = await this.poolFor(date);
    for (const sub of subs) {
      try {
        await this.runChannel(sub, date, now, pool, result);
      } catch (err) {
        // Redis trouble for one channel: the next tick tries again.
        this.o.logger.error({ channel: sub.channel, date, err: errorMessage(err) }, 'morning: run failed for a channel');
      }
    }
    return result;
  }

  private async runChannel(sub: Subscription, date: string, now: Date, pool: Pool, result: TickResult): Promise<void> {
    const { channel } = sub;
    const time = this.timeOf(sub);
    const due = fromTokyo(date, time);
    if (now < due) return;
    // Subscribed after today's post time: starts with the next working day.
    if (new Date(sub.subscribedAt) > due) return;
    const key = dayKey(date, channel);
    if (await this.o.redis.exists(key)) return;

    const deadline = catchUpDeadline(time);
    if (tokyoTime(now) >= deadline) {
      if (!(await claimOnce(this.o.redis, key, OUTCOME_SECONDS))) return;
      const lastError = await this.o.redis.get(errorKey(date, channel));
      const why = lastError
        ? `${deadline} までに Slack への投稿が成功しなかったため（${lastError}）`
        : `投稿時刻 ${time} から ${deadline} までの間、みなとナビが動いていなかったため`;
      const reason = `${formatDateJa(date)}の朝礼の話題は、${why}、投稿を見送りました。`;
      await this.record({ status: 'skipped', date, channel, at: now.toISOString(), reason });
      this.o.logger.warn({ channel, date, time, deadline, lastError: lastError ?? undefined, now: now.toISOString() }, 'morning: catch-up window passed, post skipped');
      result.skipped.push({ channel, reason });
      return;
    }

    if (!(await claimOnce(this.o.redis, key, LEASE_SECONDS))) return;
    const state = await this.rotation.state(channel, pool);
    const { prompt, after } = nextPrompt(this.catalogue, pool, state);
    const message = this.o.render({ date, pool, prompt });
    let ts: string;
    try {
      ({ ts } = await this.o.poster.post(channel, message.text, message.blocks));
    } catch (err) {
      const code = errorCode(err);
      const permanent = Boolean((err as { permanent?: boolean }).permanent);
      await this.o.redis.set(errorKey(date, channel), code, 'EX', 2 * 24 * 3600);
      if (permanent) {
        const reason = `${formatDateJa(date)}の朝礼の話題は、Slack が投稿を受け付けなかったため（${code}）、投稿を見送りました。` +
          (code === 'not_in_channel' || code === 'channel_not_found' ? 'チャンネルで `/invite @minato-navi` を実行して、みなとナビを招待してください。' : '');
        await this.record({ status: 'skipped', date, channel, at: now.toISOString(), reason });
        result.skipped.push({ channel, reason });
        this.o.logger.warn({ channel, date, code }, 'morning: Slack refused the post, skipped for today');
      } else {
        await releaseOnce(this.o.redis, key);
        result.failed.push({ channel, code });
        this.o.logger.warn({ channel, date, code }, 'morning: post failed, will retry on the next tick');
      }
      return;
    }
    const late = minutesOf(tokyoTime(now)) > minutesOf(time) + 2;
    await this.record({ status: 'posted', date, channel, at: now.toISOString(), ts, promptId: prompt.id, late });
    await this.rotation.save(channel, pool, after);
    result.posted.push({ channel, promptId: prompt.id, ts });
    this.o.logger.info({ channel, date, promptId: prompt.id, late, due: `${date} ${time}` }, 'morning: prompt posted');
  }

  private async record(outcome: DayOutcome): Promise<void> {
    const json = JSON.stringify(outcome);
    await this.o.redis.set(dayKey(outcome.date, outcome.channel), json, 'EX', OUTCOME_SECONDS);
    await this.o.redis.set(outcome.status === 'posted' ? lastPostKey(outcome.channel) : lastSkipKey(outcome.channel), json);
  }

  /** The recorded outcome for a channel on a date (posted / skipped), if any. */
  async outcome(channel: string, date: string): Promise<DayOutcome | undefined> {
    return parseOutcome(await this.o.redis.get(dayKey(date, channel)));
  }
}

function parseOutcome(raw: string | null): DayOutcome | undefined {
  if (!raw || !raw.startsWith('{')) return undefined;
  try {
    return JSON.parse(raw) as DayOutcome;
  } catch {
    return undefined;
  }
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && e.code ? e.code : 'unknown_error';
}

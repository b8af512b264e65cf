import { addDays, WorkCalendar, type ClosedDay, type DayStatus } from '../infra/calendar.js';
import { fromTokyo, tokyoDate, tokyoTime, type Clock } from '../infra/clock.js';
import { errorMessage } from '../infra/errors.js';
import type { Logger } from '../infra/logger.js';
import type { Poster, RenderedMessage } from '../infra/poster.js';
import { singleFlight } from '../infra/single-flight.js';
import { loadCatalogue, type Catalogue, type MorningPrompt, type Pool } from './catalogue.js';
import { FRESH, nextPrompt, type RotationState } from './rotation.js';
import { catchUpDeadline, minutesOf, parseTime } from './schedule.js';
import type { DayStore, RotationStore, SubscriptionStore } from './store.js';
import type { DayOutcome, MorningPost, SetTimeResult, Subscription, TickResult } from './types.js';

/**
 * The morning-meeting prompts: subscriptions, per-channel post times, the daily run (exactly one
 * post per channel per working day, across replicas and restarts), preview and status.
 * Plain data in and out; Slack is reached only through the injected Poster.
 */

export interface MorningServiceOptions {
  /** Redis, through src/morning/store.ts. */
  store: { subscriptions: SubscriptionStore; rotation: RotationStore; days: DayStore };
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
  /** Told of each day's outcome for a channel (posted / skipped), once it is recorded: the monthly report. */
  onOutcome?(outcome: DayOutcome): Promise<void>;
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
}): Promise<{ date: string; workday: boolean | null; reason: string | null; pool: Pool | null; prompt: MorningPrompt | null }> {
  const day = await input.calendar.dayStatus(input.date);
  // workday null: the calendar cannot tell (past the holiday data); nothing would be posted.
  if (!day.workday) return { date: input.date, workday: day.kind === 'unknown' ? null : false, reason: day.reason, pool: null, prompt: null };
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
  private readonly days: DayStore;
  /** Runs never overlap in a process; a tick during a run makes it run again (src/infra/single-flight.ts). */
  private readonly flight = singleFlight(() => this.runOnce());

  constructor(private readonly o: MorningServiceOptions) {
    this.calendar = o.calendar;
    this.catalogue = o.catalogue ?? loadCatalogue();
    this.defaultTime = o.defaultTime;
    this.subs = o.store.subscriptions;
    this.rotation = o.store.rotation;
    this.days = o.store.days;
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
    if (!time) return { ok: false, code: 'bad_time', input: input.trim() };
    const sub = await this.subs.get(channel);
    if (!sub) return { ok: false, code: 'not_subscribed' };
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
    const held = await this.days.day(today, channel);
    const outcome = held === 'pending' ? undefined : held;
    const [last, closedDays] = await Promise.all([this.days.last(channel), this.calendar.listClosedDays(today)]);
    return {
      channel,
      subscribed: Boolean(sub),
      time,
      ownTime: Boolean(sub?.time),
      defaultTime: this.defaultTime,
      today: { date: today, day, deadline: catchUpDeadline(time), outcome, pending: held === 'pending' },
      next: sub ? await this.nextPost(sub, now, held !== undefined) : null,
      lastPost: last.post,
      lastSkip: last.skip,
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
    return this.flight.run();
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
    if (await this.days.handled(date, channel)) return;

    const deadline = catchUpDeadline(time);
    if (tokyoTime(now) >= deadline) {
      if (!(await this.days.claimSkip(date, channel))) return;
      const lastError = await this.days.error(date, channel);
      const cause = lastError ? ({ cause: 'post_failed', deadline, code: lastError } as const) : ({ cause: 'not_running', time, deadline } as const);
      const skipped: DayOutcome = { status: 'skipped', date, channel, at: now.toISOString(), ...cause };
      await this.days.record(skipped);
      await this.note(skipped);
      this.o.logger.warn({ channel, date, time, deadline, lastError, now: now.toISOString() }, 'morning: catch-up window passed, post skipped');
      result.skipped.push({ channel, ...cause });
      return;
    }

    const state = await this.rotation.state(channel, pool);
    const { prompt, after } = nextPrompt(this.catalogue, pool, state);
    const message = this.o.render({ date, pool, prompt });
    const at = now.toISOString();
    const late = minutesOf(tokyoTime(now)) > minutesOf(time) + 2;
    const outcome = (d: { outcome: 'sent'; ts: string } | { outcome: 'refused'; error: { code: string } }): DayOutcome =>
      d.outcome === 'sent'
        ? { status: 'posted', date, channel, at, ts: d.ts, promptId: prompt.id, late }
        : { status: 'skipped', date, channel, at, cause: 'refused', code: d.error.code };
    const r = await this.days.deliver(date, channel, () => this.o.poster.post(channel, message.text, message.blocks), outcome);
    if (r.outcome === 'taken') return;
    if (r.outcome === 'failed' || r.outcome === 'refused') await this.days.setError(date, channel, r.error.code);
    if (r.outcome === 'failed') {
      result.failed.push({ channel, code: r.error.code });
      this.o.logger.warn({ channel, date, code: r.error.code }, 'morning: post failed, will retry on the next tick');
      return;
    }
    const done = outcome(r);
    await this.days.remember(done);
    await this.note(done);
    if (r.outcome === 'refused') {
      result.skipped.push({ channel, cause: 'refused', code: r.error.code });
      this.o.logger.warn({ channel, date, code: r.error.code }, 'morning: Slack refused the post, skipped for today');
      return;
    }
    await this.rotation.save(channel, pool, after);
    result.posted.push({ channel, promptId: prompt.id, ts: r.ts });
    this.o.logger.info({ channel, date, promptId: prompt.id, late, due: `${date} ${time}` }, 'morning: prompt posted');
  }

  /** Tells the monthly report (onOutcome) of a recorded outcome; a failure there is only logged. */
  private async note(outcome: DayOutcome): Promise<void> {
    await this.o.onOutcome?.(outcome).catch((err: unknown) =>
      this.o.logger.warn({ channel: outcome.channel, date: outcome.date, err: errorMessage(err) }, 'morning: could not note the outcome for the report'),
    );
  }

  /** The recorded outcome for a channel on a date (posted / skipped), if any. */
  async outcome(channel: string, date: string): Promise<DayOutcome | undefined> {
    const held = await this.days.day(date, channel);
    return held === 'pending' ? undefined : held;
  }
}

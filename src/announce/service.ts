import { randomBytes } from 'node:crypto';
import { tokyoDate, type Clock } from '../infra/clock.js';
import type { Delivered } from '../infra/deliver-once.js';
import { errorMessage } from '../infra/errors.js';
import type { Logger } from '../infra/logger.js';
import type { Poster } from '../infra/poster.js';
import { singleFlight } from '../infra/single-flight.js';
import type { AnnouncementStore } from './store.js';
import type { Announcement, AnnouncementInput, AnnounceRenderer, CancelRefusal, CommitRefusal, Delivery, DraftField, JoinRefusal } from './types.js';
import { validateAnnouncement } from './validate.js';

/**
 * Initiative announcements: a checked draft → the admin's preview → 送信 (now, or at a date and
 * time). Scheduled ones wait in a Redis due-queue (not Slack's chat.scheduleMessage, which cannot
 * reach beyond 120 days and would be lost to /announce list), survive restarts, and go out
 * exactly once per channel: a lease per announcement plus a claim per announcement+channel.
 */

export interface AnnounceServiceOptions {
  /** Redis, through src/announce/store.ts. */
  store: AnnouncementStore;
  clock: Clock;
  logger: Logger;
  poster: Poster;
  render: AnnounceRenderer;
}

export type DraftResult =
  | { ok: true; draftId: string }
  | { ok: false; errors: Partial<Record<DraftField, string>> };

export type CommitResult = { ok: true; announcement: Announcement; duplicate: boolean } | CommitRefusal;

export interface AnnouncementList {
  scheduled: (Announcement & { joined: number })[];
  recent: (Announcement & { joined: number })[];
}

/** The whole send of one announcement is leased; long enough for many paced channels. */
const LEASE_SECONDS = 300;
/** Transient failures (Slack down, rate limited) are retried, with growing pauses, this many times. */
const MAX_ATTEMPTS = 8;

export class AnnounceService {
  readonly store: AnnouncementStore;
  /** Runs never overlap in a process; a request during a run makes it look again (src/infra/single-flight.ts). */
  private readonly flight = singleFlight(() => this.runOnce());

  constructor(private readonly o: AnnounceServiceOptions) {
    this.store = o.store;
  }

  /** Checks a form; a valid one is kept as a draft for the preview (1 h). Nothing is stored otherwise. */
  async prepare(input: AnnouncementInput, userId: string): Promise<DraftResult> {
    const now = this.o.clock.now();
    const checked = validateAnnouncement(input, now);
    if (!checked.ok) return checked;
    const draftId = `d${randomBytes(9).toString('base64url')}`;
    await this.store.saveDraft(draftId, { draft: checked.draft, createdBy: userId, createdAt: now.toISOString() });
    return { ok: true, draftId };
  }

  draft(draftId: string) {
    return this.store.draft(draftId);
  }

  /**
   * The admin pressed 送信 on the preview: the draft becomes an announcement on the due-queue.
   * Pressing twice makes one announcement. A time that has passed meanwhile is refused.
   */
  async commit(draftId: string, userId: string): Promise<CommitResult> {
    const now = this.o.clock.now();
    const stored = await this.store.draft(draftId);
    if (!stored) {
      const bound = await this.boundAnnouncement(draftId);
      if (bound) return { ok: true, announcement: bound, duplicate: true };
      return { ok: false, code: 'draft_expired' };
    }
    const { draft } = stored;
    if (draft.sendAt && new Date(draft.sendAt).getTime() <= now.getTime()) {
      return { ok: false, code: 'time_passed', sendAt: draft.sendAt };
    }
    const id = `a${tokyoDate(now).replace(/-/g, '')}${randomBytes(5).toString('hex')}`;
    const already = await this.store.bindDraft(draftId, id);
    if (already) {
      const existing = await this.store.get(already);
      if (existing) return { ok: true, announcement: existing, duplicate: true };
    }
    const announcement: Announcement = {
      ...draft,
      id,
      createdBy: userId,
      createdAt: now.toISOString(),
      dueAt: draft.sendAt ?? now.toISOString(),
      status: 'scheduled',
      deliveries: {},
      attempts: 0,
    };
    await this.store.create(announcement);
    await this.store.deleteDraft(draftId);
    this.o.logger.info({ id, user: userId, channels: draft.channels.length, dueAt: announcement.dueAt, initiative: draft.initiative }, 'announce: created');
    return { ok: true, announcement, duplicate: false };
  }

  private async boundAnnouncement(draftId: string): Promise<Announcement | undefined> {
    const id = await this.store.boundId(draftId);
    return id ? this.store.get(id) : undefined;
  }

  get(id: string) {
    return this.store.get(id);
  }

  /** Scheduled (soonest first) and recently finished announcements. */
  async list(): Promise<AnnouncementList> {
    const withJoined = async (a: Announcement) => ({ ...a, joined: a.join ? await this.store.joinedCount(a.id) : 0 });
    const scheduled: AnnouncementList['scheduled'] = [];
    for (const id of await this.store.queued(40)) {
      const a = await this.store.get(id);
      if (a && (a.status === 'scheduled' || a.status === 'sending')) scheduled.push(await withJoined(a));
    }
    const recent: AnnouncementList['recent'] = [];
    for (const id of await this.store.recent(30)) {
      if (recent.length >= 5) break;
      const a = await this.store.get(id);
      if (a && a.status !== 'scheduled' && a.status !== 'sending') recent.push(await withJoined(a));
    }
    return { scheduled, recent };
  }

  /** Cancels a scheduled announcement. One that is going out or gone cannot be cancelled. */
  async cancel(id: string, userId: string): Promise<{ ok: true; announcement: Announcement } | CancelRefusal> {
    if (!(await this.store.lease(id, 30))) return { ok: false, code: 'busy' };
    try {
      const a = await this.store.get(id);
      if (!a) return { ok: false, code: 'missing' };
      if (a.status === 'cancelled') return { ok: false, code: 'already_cancelled', title: a.title };
      if (a.status !== 'scheduled' || Object.keys(a.deliveries).length > 0) return { ok: false, code: 'already_sent', title: a.title };
      const now = this.o.clock.now().toISOString();
      const cancelled: Announcement = { ...a, status: 'cancelled', cancelledBy: userId, cancelledAt: now, finishedAt: now };
      await this.store.unqueue(id);
      await this.store.save(cancelled);
      this.o.logger.info({ id, user: userId }, 'announce: cancelled');
      return { ok: true, announcement: cancelled };
    } finally {
      await this.store.release(id);
    }
  }

  /** Someone pressed 参加 on a posted announcement. */
  async join(id: string, userId: string): Promise<{ ok: true; added: boolean; count: number; title: string } | JoinRefusal> {
    const a = await this.store.get(id);
    if (!a || !a.join) return { ok: false, code: 'closed' };
    if (a.status === 'cancelled') return { ok: false, code: 'cancelled' };
    const r = await this.store.join(id, userId);
    return { ok: true, ...r, title: a.title };
  }

  /**
   * Sends everything that is due. Runs from the ticker on any replica, right after a "now"
   * announcement is confirmed, and at start-up (catch-up after a restart).
   */
  runDue(): Promise<number> {
    return this.flight.run();
  }

  private async runOnce(): Promise<number> {
    let sent = 0;
    for (const id of await this.store.due(this.o.clock.now())) {
      try {
        if (await this.deliver(id)) sent += 1;
      } catch (err) {
        this.o.logger.error({ id, err: errorMessage(err) }, 'announce: delivery run failed');
      }
    }
    return sent;
  }

  /** Delivers one due announcement. True when it finished in this run. */
  private async deliver(id: string): Promise<boolean> {
    if (!(await this.store.lease(id, LEASE_SECONDS))) return false;
    try {
      let a = await this.store.get(id);
      if (!a || (a.status !== 'scheduled' && a.status !== 'sending')) {
        await this.store.unqueue(id);
        return false;
      }
      a = { ...a, status: 'sending', attempts: a.attempts + 1 };
      await this.store.save(a);
      const message = this.o.render.announcement(a);
      let transient = 0;
      for (const channel of a.channels) {
        if (a.deliveries[channel]) continue;
        const at = this.o.clock.now().toISOString();
        const delivery = (d: Delivered): Delivery => (d.outcome === 'sent' ? { status: 'sent', ts: d.ts, at } : { status: 'failed', code: d.error.code, at });
        const r = await this.store.deliver(id, channel, () => this.o.poster.post(channel, message.text, message.blocks), delivery);
        if (r.outcome === 'taken') {
          // Delivered earlier (recorded under the channel's key) or in flight elsewhere.
          const earlier = await this.store.delivery(id, channel);
          if (earlier) a.deliveries[channel] = earlier;
          else transient += 1;
          continue;
        }
        if (r.outcome === 'failed') {
          transient += 1;
          this.o.logger.warn({ id, channel, code: r.error.code, attempt: a.attempts }, 'announce: post failed, will retry');
          continue;
        }
        a.deliveries[channel] = delivery(r);
        if (r.outcome === 'refused') this.o.logger.warn({ id, channel, code: r.error.code }, 'announce: Slack refused the post');
        await this.store.save(a);
      }

      if (transient > 0 && a.attempts < MAX_ATTEMPTS) {
        await this.store.save(a);
        await this.store.reschedule(id, new Date(this.o.clock.now().getTime() + 60_000 * a.attempts));
        return false;
      }
      const now = this.o.clock.now().toISOString();
      for (const channel of a.channels) a.deliveries[channel] ??= { status: 'failed', code: 'gave_up', at: now };
      const sentCount = a.channels.filter((c) => a.deliveries[c]?.status === 'sent').length;
      a.status = sentCount === a.channels.length ? 'sent' : sentCount > 0 ? 'partly_failed' : 'failed';
      a.finishedAt = now;
      await this.store.save(a);
      await this.store.unqueue(id);
      this.o.logger.info({ id, status: a.status, sent: sentCount, channels: a.channels.length }, 'announce: finished');
      await this.report(a);
      return true;
    } finally {
      await this.store.release(id);
    }
  }

  /** Tells the admin who created it how the delivery went (a DM from the app). */
  private async report(a: Announcement): Promise<void> {
    try {
      const m = this.o.render.report(a);
      await this.o.poster.post(a.createdBy, m.text, m.blocks);
    } catch (err) {
      this.o.logger.warn({ id: a.id, err: errorMessage(err) }, 'announce: could not send the delivery report');
    }
  }
}

import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { tokyoDate, tokyoTime, type Clock } from '../infra/clock.js';
import type { Logger } from '../infra/logger.js';
import { claimOnce, releaseOnce } from '../infra/once.js';
import { AnnouncementStore } from './store.js';
import type { Poster } from '../infra/poster.js';
import type { Announcement, AnnouncementInput, AnnounceRenderer, Delivery, DraftField } from './types.js';
import { validateAnnouncement } from './validate.js';
import { errorMessage } from '../infra/errors.js';

/**
 * Initiative announcements: a checked draft → the admin's preview → 送信 (now, or at a date and
 * time). Scheduled ones wait in a Redis due-queue (not Slack's chat.scheduleMessage, which cannot
 * reach beyond 120 days and would be lost to /announce list), survive restarts, and go out
 * exactly once per channel: a lease per announcement plus a claim per announcement+channel.
 */

export interface AnnounceServiceOptions {
  redis: Redis;
  clock: Clock;
  logger: Logger;
  poster: Poster;
  render: AnnounceRenderer;
}

export type DraftResult =
  | { ok: true; draftId: string }
  | { ok: false; errors: Partial<Record<DraftField, string>> };

export type CommitResult =
  | { ok: true; announcement: Announcement; duplicate: boolean }
  | { ok: false; message: string };

export interface AnnouncementList {
  scheduled: (Announcement & { joined: number })[];
  recent: (Announcement & { joined: number })[];
}

/** The whole send of one announcement is leased; long enough for many paced channels. */
const LEASE_SECONDS = 300;
/** A channel's post is claimed while in flight; then holds the delivery for a month. */
const CHANNEL_CLAIM_SECONDS = 300;
const DELIVERY_SECONDS = 30 * 24 * 3600;
/** Transient failures (Slack down, rate limited) are retried, with growing pauses, this many times. */
const MAX_ATTEMPTS = 8;

const leaseKey = (id: string) => `announce:lease:${id}`;
const channelKey = (id: string, channel: string) => `announce:sent:${id}:${channel}`;

export class AnnounceService {
  readonly store: AnnouncementStore;
  private running?: Promise<number>;
  private again = false;

  constructor(private readonly o: AnnounceServiceOptions) {
    this.store = new AnnouncementStore(o.redis);
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
      return { ok: false, message: '下書きの有効期限（1 時間）が切れました。お手数ですが、もう一度 `/announce` から作成してください。' };
    }
    const { draft } = stored;
    if (draft.sendAt && new Date(draft.sendAt).getTime() <= now.getTime()) {
      return {
        ok: false,
        message: `送信予定日時（${tokyoDate(new Date(draft.sendAt))} ${tokyoTime(new Date(draft.sendAt))}）を過ぎました。戻って日時を修正してください。`,
      };
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
    const id = await this.o.redis.get(`announce:commit:${draftId}`);
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
  async cancel(id: string, userId: string): Promise<{ ok: true; announcement: Announcement } | { ok: false; message: string }> {
    if (!(await claimOnce(this.o.redis, leaseKey(id), 30))) {
      return { ok: false, message: 'このお知らせはちょうど送信中のため、取り消せませんでした。' };
    }
    try {
      const a = await this.store.get(id);
      if (!a) return { ok: false, message: 'このお知らせは見つかりませんでした（すでに削除されたか、保存期間が過ぎています）。' };
      if (a.status === 'cancelled') return { ok: false, message: `「${a.title}」はすでに取り消されています。` };
      if (a.status !== 'scheduled' || Object.keys(a.deliveries).length > 0) {
        return { ok: false, message: `「${a.title}」はすでに送信されたため、取り消せません。` };
      }
      const now = this.o.clock.now().toISOString();
      const cancelled: Announcement = { ...a, status: 'cancelled', cancelledBy: userId, cancelledAt: now, finishedAt: now };
      await this.store.unqueue(id);
      await this.store.save(cancelled);
      this.o.logger.info({ id, user: userId }, 'announce: cancelled');
      return { ok: true, announcement: cancelled };
    } finally {
      await releaseOnce(this.o.redis, leaseKey(id));
    }
  }

  /** Someone pressed 参加 on a posted announcement. */
  async join(id: string, userId: string): Promise<{ ok: true; added: boolean; count: number; title: string } | { ok: false; message: string }> {
    const a = await this.store.get(id);
    if (!a || !a.join) return { ok: false, message: 'このお知らせの参加受付は終了しました。' };
    if (a.status === 'cancelled') return { ok: false, message: 'このお知らせは取り消されました。' };
    const r = await this.store.join(id, userId);
    return { ok: true, ...r, title: a.title };
  }

  /**
   * Sends everything that is due. Runs from the ticker on any replica, right after a "now"
   * announcement is confirmed, and at start-up (catch-up after a restart).
   */
  runDue(): Promise<number> {
    // Runs do not overlap within a process; a request during a run makes it look again.
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let sent = 0;
      do {
        this.again = false;
        sent += await this.runOnce();
      } while (this.again);
      return sent;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
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
    if (!(await claimOnce(this.o.redis, leaseKey(id), LEASE_SECONDS))) return false;
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
        const key = channelKey(id, channel);
        if (!(await claimOnce(this.o.redis, key, CHANNEL_CLAIM_SECONDS))) {
          // Delivered earlier (recorded under the channel key) or in flight elsewhere.
          const raw = await this.o.redis.get(key);
          if (raw?.startsWith('{')) a.deliveries[channel] = JSON.parse(raw) as Delivery;
          else transient += 1;
          continue;
        }
        const at = this.o.clock.now().toISOString();
        try {
          const { ts } = await this.o.poster.post(channel, message.text, message.blocks);
          const d: Delivery = { status: 'sent', ts, at };
          a.deliveries[channel] = d;
          await this.o.redis.set(key, JSON.stringify(d), 'EX', DELIVERY_SECONDS);
        } catch (err) {
          const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'unknown_error';
          if ((err as { permanent?: boolean }).permanent) {
            const d: Delivery = { status: 'failed', code, at };
            a.deliveries[channel] = d;
            await this.o.redis.set(key, JSON.stringify(d), 'EX', DELIVERY_SECONDS);
            this.o.logger.warn({ id, channel, code }, 'announce: Slack refused the post');
          } else {
            await releaseOnce(this.o.redis, key);
            transient += 1;
            this.o.logger.warn({ id, channel, code, attempt: a.attempts }, 'announce: post failed, will retry');
          }
        }
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
      await releaseOnce(this.o.redis, leaseKey(id));
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

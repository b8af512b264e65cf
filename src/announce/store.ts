import { immediate, type Durability } from '../infra/durable.js';
import type { Redis } from 'ioredis';
import { deliverOnce, type Delivered, type DeliverResult } from '../infra/deliver-once.js';
import { claimOnce, releaseOnce } from '../infra/once.js';
import { ANNOUNCE_KEYS as K } from './keys.js';
import type { Announcement, AnnouncementDraft, Delivery } from './types.js';

/** Announcements in Redis (keys: src/announce/keys.ts). */

const DRAFT_SECONDS = 3600;
/** Finished announcements are kept this long (for /announce list and 参加). */
const FINISHED_SECONDS = 180 * 24 * 3600;
/** A channel's post is claimed while in flight; then holds the delivery for a month. */
const CHANNEL_CLAIM_SECONDS = 300;
const DELIVERY_SECONDS = 30 * 24 * 3600;

export interface StoredDraft {
  draft: AnnouncementDraft;
  createdBy: string;
  createdAt: string;
}

export class AnnouncementStore {
  constructor(
    private readonly redis: Redis,
    private readonly durable: Durability = immediate,
  ) {}

  async saveDraft(id: string, d: StoredDraft): Promise<void> {
    await this.redis.set(K.draft(id), JSON.stringify(d), 'EX', DRAFT_SECONDS);
  }

  async draft(id: string): Promise<StoredDraft | undefined> {
    const raw = await this.redis.get(K.draft(id));
    return raw ? (JSON.parse(raw) as StoredDraft) : undefined;
  }

  async deleteDraft(id: string): Promise<void> {
    await this.redis.del(K.draft(id));
  }

  /** Binds a draft to the announcement id it becomes; returns the id already bound, if any. */
  async bindDraft(draftId: string, announcementId: string): Promise<string | undefined> {
    const ok = await this.redis.set(K.commit(draftId), announcementId, 'EX', DRAFT_SECONDS * 24, 'NX');
    if (ok === 'OK') return undefined;
    return (await this.redis.get(K.commit(draftId))) ?? undefined;
  }

  async get(id: string): Promise<Announcement | undefined> {
    const raw = await this.redis.get(K.item(id));
    return raw ? (JSON.parse(raw) as Announcement) : undefined;
  }

  async save(a: Announcement): Promise<void> {
    const finished = a.status !== 'scheduled' && a.status !== 'sending';
    if (finished) await this.redis.set(K.item(a.id), JSON.stringify(a), 'EX', FINISHED_SECONDS);
    else await this.redis.set(K.item(a.id), JSON.stringify(a));
  }

  /** Stores a new announcement and puts it on the due-queue. */
  async create(a: Announcement): Promise<void> {
    await this.save(a);
    await this.redis.zadd(K.index, new Date(a.createdAt).getTime(), a.id);
    await this.redis.zadd(K.due, new Date(a.dueAt).getTime(), a.id);
    // On a replica before the admin hears 予約しました; a retry of the same draft finds it (bindDraft).
    await Promise.all([K.item(a.id), K.index, K.due].map((k) => this.durable.confirm(k)));
  }

  async reschedule(id: string, at: Date): Promise<void> {
    await this.redis.zadd(K.due, at.getTime(), id);
  }

  async unqueue(id: string): Promise<void> {
    await this.redis.zrem(K.due, id);
  }

  /** Ids due at or before `now`, oldest first. */
  async due(now: Date, limit = 50): Promise<string[]> {
    return this.redis.zrangebyscore(K.due, '-inf', String(now.getTime()), 'LIMIT', 0, limit);
  }

  /** Everything still on the due-queue, soonest first. */
  async queued(limit = 100): Promise<string[]> {
    return this.redis.zrange(K.due, 0, String(limit - 1));
  }

  async recent(limit = 20): Promise<string[]> {
    return this.redis.zrevrange(K.index, 0, String(limit - 1));
  }

  async join(id: string, userId: string): Promise<{ added: boolean; count: number }> {
    const added = (await this.redis.sadd(K.joined(id), userId)) === 1;
    await this.redis.expire(K.joined(id), FINISHED_SECONDS);
    return { added, count: await this.redis.scard(K.joined(id)) };
  }

  async joinedCount(id: string): Promise<number> {
    return this.redis.scard(K.joined(id));
  }

  /** The announcement id a draft was bound to, if any. */
  async boundId(draftId: string): Promise<string | undefined> {
    return (await this.redis.get(K.commit(draftId))) ?? undefined;
  }

  /** Holds the announcement while this replica sends or cancels it. False when another holds it. */
  lease(id: string, seconds: number): Promise<boolean> {
    return claimOnce(this.redis, K.lease(id), seconds);
  }

  release(id: string): Promise<void> {
    return releaseOnce(this.redis, K.lease(id));
  }

  /** Posts to one target channel once across replicas (src/infra/deliver-once.ts). */
  deliver(id: string, channel: string, post: () => Promise<{ ts: string }>, record: (d: Delivered) => Delivery): Promise<DeliverResult> {
    return deliverOnce(this.redis, { key: K.sent(id, channel), leaseSeconds: CHANNEL_CLAIM_SECONDS, keepSeconds: DELIVERY_SECONDS, post, record: (d) => JSON.stringify(record(d)) }, this.durable);
  }

  /** One channel's recorded delivery, or undefined while it is in flight elsewhere. */
  async delivery(id: string, channel: string): Promise<Delivery | undefined> {
    const raw = await this.redis.get(K.sent(id, channel));
    return raw?.startsWith('{') ? (JSON.parse(raw) as Delivery) : undefined;
  }
}

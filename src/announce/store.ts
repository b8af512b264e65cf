import type { Redis } from 'ioredis';
import type { Announcement, AnnouncementDraft } from './types.js';

/**
 * Redis layout of announcements:
 *   announce:draft:{draftId}      a checked draft awaiting the admin's 送信 (1 h)
 *   announce:commit:{draftId}     the announcement id a draft became (double clicks make one)
 *   announce:item:{id}            the announcement (JSON)
 *   announce:due                  sorted set: id by due time (ms) — the due-queue, survives restarts
 *   announce:index                sorted set: id by creation time (ms) — for listing
 *   announce:joined:{id}          set of users who pressed 参加
 * Single-key commands only, so it also runs on a Redis Cluster.
 */

const DRAFT_SECONDS = 3600;
/** Finished announcements are kept this long (for /announce list and 参加). */
const FINISHED_SECONDS = 180 * 24 * 3600;

const draftKey = (id: string) => `announce:draft:${id}`;
const commitKey = (id: string) => `announce:commit:${id}`;
const itemKey = (id: string) => `announce:item:${id}`;
const joinedKey = (id: string) => `announce:joined:${id}`;
const DUE = 'announce:due';
const INDEX = 'announce:index';

export interface StoredDraft {
  draft: AnnouncementDraft;
  createdBy: string;
  createdAt: string;
}

export class AnnouncementStore {
  constructor(private readonly redis: Redis) {}

  async saveDraft(id: string, d: StoredDraft): Promise<void> {
    await this.redis.set(draftKey(id), JSON.stringify(d), 'EX', DRAFT_SECONDS);
  }

  async draft(id: string): Promise<StoredDraft | undefined> {
    const raw = await this.redis.get(draftKey(id));
    return raw ? (JSON.parse(raw) as StoredDraft) : undefined;
  }

  async deleteDraft(id: string): Promise<void> {
    await this.redis.del(draftKey(id));
  }

  /** Binds a draft to the announcement id it becomes; returns the id already bound, if any. */
  async bindDraft(draftId: string, announcementId: string): Promise<string | undefined> {
    const ok = await this.redis.set(commitKey(draftId), announcementId, 'EX', DRAFT_SECONDS * 24, 'NX');
    if (ok === 'OK') return undefined;
    return (await this.redis.get(commitKey(draftId))) ?? undefined;
  }

  async get(id: string): Promise<Announcement | undefined> {
    const raw = await this.redis.get(itemKey(id));
    return raw ? (JSON.parse(raw) as Announcement) : undefined;
  }

  async save(a: Announcement): Promise<void> {
    const finished = a.status !== 'scheduled' && a.status !== 'sending';
    if (finished) await this.redis.set(itemKey(a.id), JSON.stringify(a), 'EX', FINISHED_SECONDS);
    else await this.redis.set(itemKey(a.id), JSON.stringify(a));
  }

  /** Stores a new announcement and puts it on the due-queue. */
  async create(a: Announcement): Promise<void> {
    await this.save(a);
    await this.redis.zadd(INDEX, new Date(a.createdAt).getTime(), a.id);
    await this.redis.zadd(DUE, new Date(a.dueAt).getTime(), a.id);
  }

  async reschedule(id: string, at: Date): Promise<void> {
    await this.redis.zadd(DUE, at.getTime(), id);
  }

  async unqueue(id: string): Promise<void> {
    await this.redis.zrem(DUE, id);
  }

  /** Ids due at or before `now`, oldest first. */
  async due(now: Date, limit = 50): Promise<string[]> {
    return this.redis.zrangebyscore(DUE, '-inf', String(now.getTime()), 'LIMIT', 0, limit);
  }

  /** Everything still on the due-queue, soonest first. */
  async queued(limit = 100): Promise<string[]> {
    return this.redis.zrange(DUE, 0, String(limit - 1));
  }

  async recent(limit = 20): Promise<string[]> {
    return this.redis.zrevrange(INDEX, 0, String(limit - 1));
  }

  async join(id: string, userId: string): Promise<{ added: boolean; count: number }> {
    const added = (await this.redis.sadd(joinedKey(id), userId)) === 1;
    await this.redis.expire(joinedKey(id), FINISHED_SECONDS);
    return { added, count: await this.redis.scard(joinedKey(id)) };
  }

  async joinedCount(id: string): Promise<number> {
    return this.redis.scard(joinedKey(id));
  }
}

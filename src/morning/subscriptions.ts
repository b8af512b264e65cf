import type { Redis } from 'ioredis';
import type { Subscription } from './types.js';

/** Subscribed channels: hash morning:channels, field = channel id, value = Subscription JSON. */
const KEY = 'morning:channels';

export class SubscriptionStore {
  constructor(private readonly redis: Redis) {}

  async get(channel: string): Promise<Subscription | undefined> {
    const raw = await this.redis.hget(KEY, channel);
    return raw ? parse(channel, raw) : undefined;
  }

  async list(): Promise<Subscription[]> {
    const all = await this.redis.hgetall(KEY);
    return Object.entries(all)
      .map(([channel, raw]) => parse(channel, raw))
      .sort((a, b) => a.channel.localeCompare(b.channel));
  }

  /** Adds the channel; returns false when it was already subscribed (nothing changes then). */
  async add(sub: Subscription): Promise<boolean> {
    return (await this.redis.hsetnx(KEY, sub.channel, JSON.stringify(sub))) === 1;
  }

  async remove(channel: string): Promise<boolean> {
    return (await this.redis.hdel(KEY, channel)) === 1;
  }

  async save(sub: Subscription): Promise<void> {
    await this.redis.hset(KEY, sub.channel, JSON.stringify(sub));
  }
}

function parse(channel: string, raw: string): Subscription {
  try {
    const v = JSON.parse(raw) as Partial<Subscription>;
    return { channel, time: v.time || undefined, subscribedBy: v.subscribedBy ?? '', subscribedAt: v.subscribedAt ?? new Date(0).toISOString() };
  } catch {
    return { channel, subscribedBy: '', subscribedAt: new Date(0).toISOString() };
  }
}

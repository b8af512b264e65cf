import type { Redis } from 'ioredis';
import { immediate, type Durability } from '../infra/durable.js';
import { deliverOnce, type Delivered, type DeliverResult } from '../infra/deliver-once.js';
import { claimOnce } from '../infra/once.js';
import type { Pool } from './catalogue.js';
import { MORNING_KEYS as K } from './keys.js';
import { FRESH, type RotationState } from './rotation.js';
import type { DayOutcome, Subscription } from './types.js';

/** While a post is being made the day's key holds a lease; after it, the outcome. */
const LEASE_SECONDS = 180;
const OUTCOME_SECONDS = 8 * 24 * 3600;
const ERROR_SECONDS = 2 * 24 * 3600;

/** Subscribed channels; each change is confirmed on the replicas before the channel is told (src/infra/durable.ts). */
export class SubscriptionStore {
  constructor(
    private readonly redis: Redis,
    private readonly durable: Durability = immediate,
  ) {}

  async get(channel: string): Promise<Subscription | undefined> {
    const raw = await this.redis.hget(K.channels, channel);
    return raw ? parseSubscription(channel, raw) : undefined;
  }

  async list(): Promise<Subscription[]> {
    const all = await this.redis.hgetall(K.channels);
    return Object.entries(all)
      .map(([channel, raw]) => parseSubscription(channel, raw))
      .sort((a, b) => a.channel.localeCompare(b.channel));
  }

  /** Adds the channel; returns false when it was already subscribed (nothing changes then). */
  async add(sub: Subscription): Promise<boolean> {
    return this.durable.write(K.channels, async () => (await this.redis.hsetnx(K.channels, sub.channel, JSON.stringify(sub))) === 1);
  }

  async remove(channel: string): Promise<boolean> {
    return this.durable.write(K.channels, async () => (await this.redis.hdel(K.channels, channel)) === 1);
  }

  async save(sub: Subscription): Promise<void> {
    await this.durable.write(K.channels, () => this.redis.hset(K.channels, sub.channel, JSON.stringify(sub)));
  }
}

/** Where each channel is in each pool's rotation (src/morning/rotation.ts). */
export class RotationStore {
  constructor(private readonly redis: Redis) {}

  async state(channel: string, pool: Pool): Promise<RotationState> {
    const raw = await this.redis.hget(K.rotation(channel), pool);
    if (!raw) return FRESH;
    try {
      const v = JSON.parse(raw) as Partial<RotationState>;
      return { cycle: Number(v.cycle) || 0, used: Array.isArray(v.used) ? v.used.map(String) : [] };
    } catch {
      return FRESH;
    }
  }

  async save(channel: string, pool: Pool, state: RotationState): Promise<void> {
    await this.redis.hset(K.rotation(channel), pool, JSON.stringify(state));
  }
}

/** Each channel's day: claimed once, then what happened (posted or skipped), and the last Slack error. */
export class DayStore {
  constructor(
    private readonly redis: Redis,
    private readonly durable: Durability = immediate,
  ) {}

  /** True once anything (a post in flight, an outcome) holds the channel's day. */
  async handled(date: string, channel: string): Promise<boolean> {
    return (await this.redis.exists(K.day(date, channel))) === 1;
  }

  /** Holds a whole day that will not be posted (the catch-up window passed). False when taken. */
  claimSkip(date: string, channel: string): Promise<boolean> {
    return claimOnce(this.redis, K.day(date, channel), OUTCOME_SECONDS);
  }

  /** Posts the day's prompt once across replicas (src/infra/deliver-once.ts), keeping `record(d)` as its outcome. */
  deliver(date: string, channel: string, post: () => Promise<{ ts: string }>, record: (d: Delivered) => DayOutcome): Promise<DeliverResult> {
    return deliverOnce(this.redis, { key: K.day(date, channel), leaseSeconds: LEASE_SECONDS, keepSeconds: OUTCOME_SECONDS, post, record: (d) => JSON.stringify(record(d)) }, this.durable);
  }

  /** Keeps an outcome as the day's and as the channel's last post or skip. */
  async record(outcome: DayOutcome): Promise<void> {
    const json = JSON.stringify(outcome);
    await this.redis.set(K.day(outcome.date, outcome.channel), json, 'EX', OUTCOME_SECONDS);
    await this.remember(outcome);
  }

  /** Keeps an outcome as the channel's last post or skip only (the day's key already holds it). */
  async remember(outcome: DayOutcome): Promise<void> {
    await this.redis.set(outcome.status === 'posted' ? K.lastPost(outcome.channel) : K.lastSkip(outcome.channel), JSON.stringify(outcome));
  }

  /** The day's key: undefined when free, 'pending' while a post is in flight, else the outcome. */
  async day(date: string, channel: string): Promise<DayOutcome | 'pending' | undefined> {
    const raw = await this.redis.get(K.day(date, channel));
    if (!raw) return undefined;
    return parseOutcome(raw) ?? 'pending';
  }

  async last(channel: string): Promise<{ post?: DayOutcome; skip?: DayOutcome }> {
    const [post, skip] = await Promise.all([this.redis.get(K.lastPost(channel)), this.redis.get(K.lastSkip(channel))]);
    return { post: parseOutcome(post), skip: parseOutcome(skip) };
  }

  setError(date: string, channel: string, code: string): Promise<unknown> {
    return this.redis.set(K.error(date, channel), code, 'EX', ERROR_SECONDS);
  }

  async error(date: string, channel: string): Promise<string | undefined> {
    return (await this.redis.get(K.error(date, channel))) ?? undefined;
  }
}

function parseSubscription(channel: string, raw: string): Subscription {
  try {
    const v = JSON.parse(raw) as Partial<Subscription>;
    return { channel, time: v.time || undefined, subscribedBy: v.subscribedBy ?? '', subscribedAt: v.subscribedAt ?? new Date(0).toISOString() };
  } catch {
    return { channel, subscribedBy: '', subscribedAt: new Date(0).toISOString() };
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

/** The morning stores over one Redis. */
export function morningStores(redis: Redis, durable?: Durability) {
  return { subscriptions: new SubscriptionStore(redis, durable), rotation: new RotationStore(redis), days: new DayStore(redis, durable) };
}

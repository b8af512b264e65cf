import { randomUUID } from 'node:crypto';
import { immediate, type Durability } from '../infra/durable.js';
import type { Redis } from '../infra/redis.js';
import type { Answer } from './types.js';
import { USER_ID } from '../infra/slack-ids.js';

/**
 * 👍/👎 on answers. Every answer the bot gives gets an id and a small record; a vote is a hash
 * field keyed by the user, so only a user's last click counts. Kept for 90 days.
 *
 *   plan:fb:{id}:answer  hash  mode, found, sections, fallback, createdAt
 *   plan:fb:{id}:votes   hash  userId → "up" | "down"
 *   plan:fb:recent       zset  id by time of the last vote (for review)
 *
 * The {id} hash tag keeps an answer's two keys in one Redis Cluster slot, so the vote script is
 * atomic there too.
 */

export type Vote = 'up' | 'down';

export interface Tally {
  up: number;
  down: number;
}

/** A recorded vote, with what it was on: the answer's cited sections and when it was given. */
export type VoteResult =
  | { ok: true; tally: Tally; previous?: Vote; answer: { sections: string[]; createdAt: string } }
  | { ok: false; reason: 'unknown_answer' | 'bad_input' };

const ANSWER_ID = /^[a-f0-9]{16}$/;
const TTL_SECONDS = 90 * 24 * 60 * 60;

// KEYS: answer record, votes hash. ARGV: user, vote, ttl.
const VOTE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local previous = redis.call('HGET', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
local votes = redis.call('HVALS', KEYS[2])
local up, down = 0, 0
for _, v in ipairs(votes) do
  if v == 'up' then up = up + 1 elseif v == 'down' then down = down + 1 end
end
local answer = redis.call('HMGET', KEYS[1], 'sections', 'createdAt')
return {1, up, down, previous or '', answer[1] or '', answer[2] or ''}
`;

export function newAnswerId(): string {
  // 16 hex digits of a v4 UUID (from a cached entropy pool: ~10× cheaper than randomBytes).
  return randomUUID().replaceAll('-', '').slice(0, 16);
}

export function isAnswerId(id: unknown): id is string {
  return typeof id === 'string' && ANSWER_ID.test(id);
}

const answerKey = (id: string) => `plan:fb:{${id}}:answer`;
const votesKey = (id: string) => `plan:fb:{${id}}:votes`;
const RECENT_KEY = 'plan:fb:recent';

export class FeedbackStore {
  constructor(
    private readonly redis: Redis,
    private readonly durable: Durability = immediate,
  ) {}

  /** Remembers what was answered (no user text), so a later vote can be tied to it. */
  async recordAnswer(id: string, answer: Answer, at: Date): Promise<void> {
    if (!isAnswerId(id)) throw new Error('invalid answer id');
    const key = answerKey(id);
    await this.redis
      .multi()
      .hset(key, {
        mode: answer.mode,
        found: answer.found ? '1' : '0',
        sections: answer.citations.map((c) => c.section).join(','),
        fallback: answer.fallback ?? '',
        createdAt: at.toISOString(),
      })
      .expire(key, TTL_SECONDS)
      .exec();
  }

  /** Records `user`'s vote on answer `id`, replacing any earlier vote of theirs. */
  async vote(id: string, user: string, vote: Vote, at: Date): Promise<VoteResult> {
    if (!isAnswerId(id) || !USER_ID.test(user) || (vote !== 'up' && vote !== 'down')) return { ok: false, reason: 'bad_input' };
    // Idempotent (the user's vote replaces theirs), so retried across a failover.
    const res = (await this.durable.write(votesKey(id), () => this.redis.eval(
      VOTE_SCRIPT,
      2,
      answerKey(id),
      votesKey(id),
      user,
      vote,
      String(TTL_SECONDS),
    ))) as [number, number?, number?, string?, string?, string?];
    if (res[0] !== 1) return { ok: false, reason: 'unknown_answer' };
    await this.redis.zadd(RECENT_KEY, at.getTime(), id);
    const previous = res[3] === 'up' || res[3] === 'down' ? res[3] : undefined;
    const answer = { sections: (res[4] ?? '').split(',').filter(Boolean), createdAt: res[5] ?? '' };
    return { ok: true, tally: { up: Number(res[1]), down: Number(res[2]) }, ...(previous ? { previous } : {}), answer };
  }

  async tally(id: string): Promise<Tally> {
    const votes = await this.redis.hvals(votesKey(id));
    return { up: votes.filter((v) => v === 'up').length, down: votes.filter((v) => v === 'down').length };
  }

  /** Answer ids by time of their last vote, newest first (for reviewing what staff found unhelpful). */
  async recent(limit = 50): Promise<string[]> {
    return this.redis.zrevrange(RECENT_KEY, 0, limit - 1);
  }

  /** A user's current vote on an answer, if any. */
  async voteOf(id: string, user: string): Promise<Vote | undefined> {
    const v = await this.redis.hget(votesKey(id), user);
    return v === 'up' || v === 'down' ? v : undefined;
  }
}

import type { Redis } from '../infra/redis.js';
import type { ConversationTurn } from './types.js';

/**
 * The conversation of one Slack thread (channel + thread_ts), so follow-ups keep their context.
 * Stored in Redis as a list of JSON turns, oldest first, bounded in length and in size, and
 * forgotten after a quiet period (TTL refreshed on every new turn).
 */

export interface ThreadHistoryOptions {
  /** Turns kept per thread (a question and its answer are two turns). */
  maxTurns?: number;
  /** Characters kept per turn; longer turns are shortened with a visible marker. */
  maxTurnChars?: number;
  /** Seconds a thread's history survives without a new turn. */
  ttlSeconds?: number;
}

export const HISTORY_DEFAULTS: Required<ThreadHistoryOptions> = {
  maxTurns: 12,
  maxTurnChars: 2_000,
  ttlSeconds: 24 * 60 * 60,
};

export class ThreadHistory {
  private readonly opts: Required<ThreadHistoryOptions>;

  constructor(
    private readonly redis: Redis,
    options: ThreadHistoryOptions = {},
  ) {
    this.opts = { ...HISTORY_DEFAULTS, ...options };
  }

  static key(channel: string, threadTs: string): string {
    return `plan:history:${channel}:${threadTs}`;
  }

  /** Earlier turns of the thread, oldest first. Throws when Redis is unreachable. */
  async get(channel: string, threadTs: string): Promise<ConversationTurn[]> {
    const raw = await this.redis.lrange(ThreadHistory.key(channel, threadTs), 0, -1);
    const turns: ConversationTurn[] = [];
    for (const item of raw) {
      try {
        const t = JSON.parse(item) as Partial<ConversationTurn>;
        if ((t.role === 'user' || t.role === 'assistant') && typeof t.content === 'string') {
          turns.push({ role: t.role, content: t.content });
        }
      } catch {
        // A corrupt entry is skipped, not fatal.
      }
    }
    return turns;
  }

  /** Appends a question and its answer in one step, trims to the bound and refreshes the TTL. */
  async append(channel: string, threadTs: string, ...turns: ConversationTurn[]): Promise<void> {
    if (turns.length === 0) return;
    const key = ThreadHistory.key(channel, threadTs);
    const items = turns.map((t) => JSON.stringify({ role: t.role, content: this.bound(t.content) }));
    await this.redis
      .multi()
      .rpush(key, ...items)
      .ltrim(key, -this.opts.maxTurns, -1)
      .expire(key, this.opts.ttlSeconds)
      .exec()
      .then((res) => {
        const failed = res?.find(([err]) => err);
        if (failed) throw failed[0];
      });
  }

  async clear(channel: string, threadTs: string): Promise<void> {
    await this.redis.del(ThreadHistory.key(channel, threadTs));
  }

  private bound(content: string): string {
    const chars = [...content];
    if (chars.length <= this.opts.maxTurnChars) return content;
    return `${chars.slice(0, this.opts.maxTurnChars).join('')}…（以下省略）`;
  }
}

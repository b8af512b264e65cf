import type { Redis } from '../infra/redis.js';
import { cleanText } from '../infra/clean-text.js';
import { fromTokyo, tokyoDate } from '../infra/clock.js';
import { datesOf, monthIdOf, type Month } from './month.js';
import { COUNTS_TTL_SECONDS, reportKeys as k } from './keys.js';
import { redactPersonal } from './redact.js';

/**
 * What the bot notes as it works, for the monthly report: Q&A counts per cited section, 👍/👎 per
 * section, the text of refused questions (redacted, no user id, kept `retentionDays`), and the
 * morning prompts' daily outcomes. Everything else the report reads from the features' own data.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** At most this many characters of a refused question are kept. */
const MAX_TEXT = 300;

export interface QaCounts {
  asked: number;
  answered: number;
  refused: number;
  /** Section id → answered questions citing it, and the 👍/👎 on those answers. */
  sections: Map<string, { questions: number; up: number; down: number }>;
}

export interface MorningRecord {
  posts: { date: string; channel: string }[];
  skips: { date: string; channel: string; reason: string }[];
}

export type VoteValue = 'up' | 'down';

export class InsightsStore {
  constructor(
    private readonly redis: Redis,
    private readonly retentionDays: number,
  ) {}

  /**
   * One question the bot answered (`found`) or could not answer from the plan. Answered
   * questions count under each section they cite; only a refused question's text is kept.
   */
  async recordQuestion(q: { at: Date; found: boolean; sections: readonly string[]; text: string }): Promise<void> {
    const month = monthIdOf(q.at);
    const key = k.qa(month);
    const tx = this.redis.multi().hincrby(key, 'asked', 1).hincrby(key, q.found ? 'answered' : 'refused', 1);
    if (q.found) for (const s of new Set(q.sections)) tx.hincrby(key, `q:${s}`, 1);
    tx.expire(key, COUNTS_TTL_SECONDS);
    const text = redactPersonal(cleanText(q.text, { singleLine: true })).trim();
    if (!q.found && this.retentionDays > 0 && text) {
      const day = tokyoDate(q.at);
      const list = k.refused(month, day.slice(8));
      // Kept until the start of the day it was asked plus the retention: never longer than that.
      tx.rpush(list, JSON.stringify({ at: q.at.toISOString(), text: [...text].slice(0, MAX_TEXT).join('') }));
      tx.pexpireat(list, fromTokyo(day).getTime() + this.retentionDays * DAY_MS);
    }
    await tx.exec();
  }

  /**
   * A 👍/👎 on an answer given at `answeredAt`, counted in that answer's month under each section
   * it cited. `previous` is the same person's earlier vote on it, which this one replaces.
   */
  async recordVote(v: { answeredAt: Date; sections: readonly string[]; vote: VoteValue; previous?: VoteValue }): Promise<void> {
    if (v.previous === v.vote || v.sections.length === 0) return;
    const key = k.qa(monthIdOf(v.answeredAt));
    const tx = this.redis.multi();
    for (const s of new Set(v.sections)) {
      tx.hincrby(key, `${v.vote}:${s}`, 1);
      if (v.previous) tx.hincrby(key, `${v.previous}:${s}`, -1);
    }
    await tx.expire(key, COUNTS_TTL_SECONDS).exec();
  }

  /** A channel's morning prompt was posted (or skipped, and why) on `date`. Idempotent. */
  async recordMorning(o: { date: string; channel: string } & ({ status: 'posted'; promptId: string } | { status: 'skipped'; reason: string })): Promise<void> {
    const key = k.morning(o.date.slice(0, 7));
    const field = `${o.status === 'posted' ? 'post' : 'skip'}:${o.date}:${o.channel}`;
    await this.redis.multi().hset(key, field, o.status === 'posted' ? o.promptId : o.reason).expire(key, COUNTS_TTL_SECONDS).exec();
  }

  async qa(month: Month): Promise<QaCounts> {
    const h = await this.redis.hgetall(k.qa(month.id));
    const n = (v: string | undefined) => Math.max(0, Number(v ?? 0) || 0);
    const sections = new Map<string, { questions: number; up: number; down: number }>();
    for (const [field, value] of Object.entries(h)) {
      const m = /^(q|up|down):(.+)$/.exec(field);
      if (!m) continue;
      const entry = sections.get(m[2]!) ?? { questions: 0, up: 0, down: 0 };
      if (m[1] === 'q') entry.questions = n(value);
      else if (m[1] === 'up') entry.up = n(value);
      else entry.down = n(value);
      sections.set(m[2]!, entry);
    }
    return { asked: n(h.asked), answered: n(h.answered), refused: n(h.refused), sections };
  }

  /** The refused questions of the month still within the retention, oldest first. */
  async refusedTexts(month: Month): Promise<string[]> {
    const pipe = this.redis.pipeline();
    for (const date of datesOf(month)) pipe.lrange(k.refused(month.id, date.slice(8)), 0, -1);
    const res = (await pipe.exec()) ?? [];
    const out: string[] = [];
    for (const [err, items] of res) {
      if (err) throw err;
      for (const raw of items as string[]) {
        try {
          const v = JSON.parse(raw) as { text?: unknown };
          if (typeof v.text === 'string') out.push(v.text);
        } catch {
          // A damaged entry is skipped, not shown.
        }
      }
    }
    return out;
  }

  async morning(month: Month): Promise<MorningRecord> {
    const h = await this.redis.hgetall(k.morning(month.id));
    const out: MorningRecord = { posts: [], skips: [] };
    for (const [field, value] of Object.entries(h)) {
      const m = /^(post|skip):(\d{4}-\d{2}-\d{2}):(.+)$/.exec(field);
      if (!m) continue;
      if (m[1] === 'post') out.posts.push({ date: m[2]!, channel: m[3]! });
      else out.skips.push({ date: m[2]!, channel: m[3]!, reason: value });
    }
    const order = (a: { date: string; channel: string }, b: { date: string; channel: string }) => a.date.localeCompare(b.date) || a.channel.localeCompare(b.channel);
    out.posts.sort(order);
    out.skips.sort(order);
    return out;
  }
}

import type { webApi } from '@slack/bolt';
import type { Clock } from '../../infra/clock.js';
import type { Logger } from '../../infra/logger.js';
import type { WorldcafeService } from '../service.js';
import { sessionMessageBlocks, sessionText } from './session-message.js';
import { Poller } from '../../infra/poller.js';
import { slackErrorOf } from '../../slack/slack-errors.js';

/**
 * Keeps each session's channel message current with chat.update, COALESCED:
 * every seat change marks the session "dirty" in Redis (inside the same Lua script as the
 * change), and each replica's flusher takes dirty sessions under a per-session lock that is left
 * to expire — so across all replicas a session's message is updated at most once per
 * `perSessionMs` (default 1 s), and the last change is always shown: a change after a flush read
 * marks the session dirty again. A shared budget keeps all sessions together under Slack's
 * chat.update tier (~50/min); a 429 puts the session back with Slack's Retry-After.
 */
export interface BoardOptions {
  sessions: WorldcafeService;
  client: webApi.WebClient;
  clock: Clock;
  logger: Logger;
  perSessionMs?: number;
  pollMs?: number;
  perMinute?: number;
}

export class BoardUpdater {
  /** Runs flushDirty every pollMs; kick() when a seat changed (flush now if this session's lock is free). */
  readonly poller: Poller;
  private readonly perSessionMs: number;
  private readonly perMinute: number;

  constructor(private readonly o: BoardOptions) {
    this.perSessionMs = o.perSessionMs ?? 1_000;
    this.perMinute = o.perMinute ?? 45;
    this.poller = new Poller('worldcafe-board', () => this.flushDirty(), o.pollMs ?? 250, o.logger);
  }

  /** One pass: update every dirty session this replica may update now. */
  async flushDirty(): Promise<void> {
    const minute = Math.floor(Date.now() / 60_000);
    const ids = await this.o.sessions.takeDirty(this.perSessionMs, 20, { window: String(minute), max: this.perMinute, ttlMs: 120_000 });
    await Promise.all(ids.map((id) => this.flush(id)));
  }

  private async flush(id: string): Promise<void> {
    const v = await this.o.sessions.view(id);
    if (!v?.channel || !v.messageTs) return;
    const now = this.o.clock.now().getTime();
    try {
      await this.o.client.chat.update({ channel: v.channel, ts: v.messageTs, text: sessionText(v, now), blocks: sessionMessageBlocks(v, now) });
    } catch (err) {
      const { code, permanent, retryAfterMs } = slackErrorOf(err);
      if (permanent) {
        this.o.logger.warn({ session: id, code }, 'worldcafe: channel message can no longer be updated');
        return;
      }
      // Try again later: back in the dirty set, lock held for Slack's Retry-After (or a short pause).
      await this.o.sessions.markDirty(id);
      await this.o.sessions.holdFlush(id, retryAfterMs ?? 5_000);
      if (retryAfterMs) this.poller.pause(retryAfterMs);
      this.o.logger.warn({ session: id, code, retryAfterMs }, 'worldcafe: chat.update failed; will retry');
    }
  }
}

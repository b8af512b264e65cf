import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../infra/clock.js';
import type { WorldcafeService } from '../service.js';
import type { Session } from '../types.js';
import { sessionMessageBlocks, sessionText } from './session-message.js';
import { slackErrorOf } from '../../slack/slack-errors.js';
import { NO_UNFURL } from '../../slack/safe-text.js';

/** Posts a new session's message in the events channel and remembers it for chat.update. */
export async function announceSession(
  deps: { sessions: WorldcafeService; clock: Clock },
  client: WebClient,
  session: Session,
  channel: string,
): Promise<{ ok: true; channel: string; ts: string } | { ok: false; code: string }> {
  const view = (await deps.sessions.view(session.id)) ?? { ...session, confirmed: 0, waiting: 0 };
  const now = deps.clock.now().getTime();
  try {
    const res = await client.chat.postMessage({ channel, text: sessionText(view, now), blocks: sessionMessageBlocks(view, now), ...NO_UNFURL });
    if (!res.ts || !res.channel) return { ok: false, code: 'no_ts' };
    await deps.sessions.setAnnouncement(session.id, res.channel, res.ts);
    // Seats may have been taken between the post and now: bring the message up to date.
    await deps.sessions.markDirty(session.id);
    return { ok: true, channel: res.channel, ts: res.ts };
  } catch (err) {
    return { ok: false, code: slackErrorOf(err).code };
  }
}

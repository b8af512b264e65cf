import type { WorldcafeDeps } from './deps.js';
import type { JoinResult, Session } from '../types.js';
import { calendarButton, leaveButton } from './session-message.js';
import { joinReply, WC_TEXT } from './texts.js';
import { tellPrivately } from '../../slack/private-reply.js';
import { cameFromHome, openSessionClick, type SessionButtonArgs } from './action-context.js';
import { plainOf, replyBlocks } from './reply.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * 参加する — takes a seat atomically (Lua in Redis), or a first-come waitlist place when full,
 * and tells the person privately where they stand. The channel message is refreshed by the
 * coalescing board updater, never directly from here.
 */
export function worldcafeJoinHandler(deps: WorldcafeDeps) {
  return async (args: SessionButtonArgs): Promise<void> => {
    const click = await openSessionClick(deps, args, 'join');
    if (!click) return;
    const { id, to, log } = click;
    const { body, client } = args;
    let result: JoinResult;
    let session: Session | undefined;
    try {
      result = await deps.sessions.join(id, body.user.id);
      session = await deps.sessions.get(id);
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe: join failed (redis)');
      await tellPrivately(client, to, WC_TEXT.unavailable, undefined, log);
      return;
    }
    log.info({ session: id, outcome: result.outcome }, 'worldcafe join');
    if (result.outcome === 'confirmed' || result.outcome === 'waiting') deps.board.kick();
    const text = joinReply(result, session);
    const actions =
      session && (result.outcome === 'confirmed' || result.outcome === 'already_confirmed')
        ? [{ type: 'actions' as const, elements: [calendarButton(id), leaveButton(id)] }]
        : session && (result.outcome === 'waiting' || result.outcome === 'already_waiting')
          ? [{ type: 'actions' as const, elements: [leaveButton(id)] }]
          : [];
    await tellPrivately(client, to, plainOf(text), replyBlocks(text, actions), log);
    if (cameFromHome(body)) await deps.home.publish(client, body.user.id, log);
  };
}

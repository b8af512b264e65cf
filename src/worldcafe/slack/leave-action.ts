import type { WorldcafeDeps } from './deps.js';
import type { LeaveResult, Session } from '../types.js';
import { leaveReply, WC_TEXT } from './texts.js';
import { tellPrivately } from '../../slack/private-reply.js';
import { cameFromHome, openSessionClick, type SessionButtonArgs } from './action-context.js';
import { plainOf, replyBlocks } from './reply.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * 取り消す — gives up the seat (the first person waiting is promoted atomically and gets a DM
 * from the notifier) or the waitlist place.
 */
export function worldcafeLeaveHandler(deps: WorldcafeDeps) {
  return async (args: SessionButtonArgs): Promise<void> => {
    const click = await openSessionClick(deps, args, 'leave');
    if (!click) return;
    const { id, to, log } = click;
    const { body, client } = args;
    let result: LeaveResult;
    let session: Session | undefined;
    try {
      result = await deps.sessions.leave(id, body.user.id);
      session = await deps.sessions.get(id);
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe: leave failed (redis)');
      await tellPrivately(client, to, WC_TEXT.unavailable, undefined, log);
      return;
    }
    log.info({ session: id, outcome: result.outcome, promoted: result.outcome === 'left_seat' ? result.promoted.length : 0 }, 'worldcafe leave');
    if (result.outcome === 'left_seat' || result.outcome === 'left_waitlist') deps.board.kick();
    if (result.outcome === 'left_seat' && result.promoted.length > 0) deps.notifier.kick();
    const text = leaveReply(result, session);
    await tellPrivately(client, to, plainOf(text), replyBlocks(text), log);
    if (cameFromHome(body)) await deps.home.publish(client, body.user.id, log);
  };
}

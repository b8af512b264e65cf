import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AnnounceDeps } from './deps.js';
import { announceListBlocks } from './list.js';
import { ANNOUNCE_TEXT, ANNOUNCE_UNAVAILABLE, cancelRefusal } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { errorMessage } from '../../infra/errors.js';

/** 取り消す on /announce list: (admin) cancels a scheduled announcement and refreshes the list. */
export function announceCancelActionHandler(deps: AnnounceDeps) {
  return async ({ ack, body, action, respond, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    const user = body.user.id;
    try {
      const r = await deps.announce.cancel(action.value ?? '', user);
      const notice = r.ok ? ANNOUNCE_TEXT.cancelled(r.announcement.title) : `:warning: ${cancelRefusal(r)}`;
      const list = await deps.announce.list();
      await respond({ replace_original: true, text: notice, blocks: announceListBlocks(list, notice) as never });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'announce cancel failed');
      await respond({ response_type: 'ephemeral', replace_original: false, text: ANNOUNCE_UNAVAILABLE }).catch(() => undefined);
    }
  };
}

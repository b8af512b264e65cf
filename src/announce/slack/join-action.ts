import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AnnounceDeps } from './deps.js';
import { ANNOUNCE_TEXT, ANNOUNCE_UNAVAILABLE, joinRefusal } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { errorMessage } from '../../infra/errors.js';

/** 参加する on a posted announcement: records the person once and tells only them. */
export function announceJoinActionHandler(deps: AnnounceDeps) {
  return async ({ ack, body, action, respond, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // The button in the admin's preview does nothing.
    if (!action.value || action.value === 'preview' || body.container?.type === 'view') return;
    const log = requestLog(context, deps.logger);
    const say = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
    try {
      const r = await deps.announce.join(action.value, body.user.id);
      if (!r.ok) return void (await say(joinRefusal(r)));
      await say(
        r.added
          ? ANNOUNCE_TEXT.joined(r.title, r.count)
          : ANNOUNCE_TEXT.alreadyJoined(r.title, r.count),
      );
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'announce join failed');
      await say(ANNOUNCE_UNAVAILABLE);
    }
  };
}

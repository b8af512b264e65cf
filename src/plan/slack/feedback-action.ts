import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { QaDeps } from './deps.js';
import { type Vote } from '../feedback.js';
import { FEEDBACK_UP_ACTION } from './answer-blocks.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { THANKS_DOWN, THANKS_UP, UNAVAILABLE_TEXT, UNKNOWN_ANSWER } from './texts.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * 👍/👎 under an answer. Stored per user (the last click counts); the clicker gets a private
 * thank-you. A forged or expired answer id changes nothing and is explained politely.
 */

export function feedbackActionHandler(deps: QaDeps) {
  return async ({ ack, action, body, respond, client, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    const vote: Vote = action.action_id === FEEDBACK_UP_ACTION ? 'up' : 'down';
    let text: string;
    try {
      const res = await deps.feedback.vote(action.value ?? '', body.user.id, vote, deps.clock.now());
      text = res.ok ? (vote === 'up' ? THANKS_UP : THANKS_DOWN) : UNKNOWN_ANSWER;
      log.info({ vote, ok: res.ok }, 'plan answer feedback');
      if (res.ok && deps.activity) {
        const answeredAt = new Date(res.answer.createdAt);
        if (!Number.isNaN(answeredAt.getTime())) {
          await deps.activity
            .voted({ answeredAt, sections: res.answer.sections, vote, ...(res.previous ? { previous: res.previous } : {}) })
            .catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'could not note the vote for the report'));
        }
      }
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'could not store feedback (redis)');
      text = UNAVAILABLE_TEXT;
    }
    try {
      if (body.response_url) {
        await respond({ response_type: 'ephemeral', replace_original: false, text });
      } else if (body.channel?.id) {
        const threadTs = (body.message as { thread_ts?: string } | undefined)?.thread_ts;
        await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
      }
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'could not confirm feedback');
    }
  };
}

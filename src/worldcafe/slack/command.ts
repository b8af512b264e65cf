import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WorldcafeDeps } from './deps.js';
import { mineBlocks, upcomingBlocks } from './list.js';
import { createSessionModal } from './modals.js';
import { WC_TEXT } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * /worldcafe        — upcoming sessions with seat counts and join buttons (only the caller sees it)
 * /worldcafe mine   — the caller's sign-ups
 * /worldcafe new    — (admin) the form to create a session
 * Acks at once; the admin check happens here on the server, whatever the client shows.
 */
export function worldcafeCommandHandler(deps: WorldcafeDeps) {
  return async ({ command, ack, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    const sub = (command.text ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    const say = (text: string, blocks?: KnownBlock[]) =>
      respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks } : {}) }).catch((err: Error) =>
        log.warn({ err: err.message }, 'worldcafe: respond failed'),
      );
    try {
      switch (sub) {
        case '':
        case 'list':
        case '一覧': {
          const sessions = await deps.sessions.listUpcoming(20);
          const now = deps.clock.now().getTime();
          await say(sessions.length ? WC_TEXT.upcoming(sessions.length) : WC_TEXT.noUpcoming, upcomingBlocks(sessions, now, { isAdmin: deps.isAdmin(command.user_id) }));
          return;
        }
        case 'mine':
        case '自分': {
          const mine = await deps.sessions.mine(command.user_id);
          await say(mine.length ? WC_TEXT.mine(mine.length) : WC_TEXT.noneMine, mineBlocks(mine));
          return;
        }
        case 'new':
        case '作成': {
          if (!deps.isAdmin(command.user_id)) {
            log.info('worldcafe: non-admin asked for the create form');
            await say(WC_TEXT.adminOnlyCreate);
            return;
          }
          await client.views.open({ trigger_id: command.trigger_id, view: createSessionModal(command.channel_id) });
          return;
        }
        default:
          await say(WC_TEXT.help);
      }
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe command failed');
      await say(WC_TEXT.unavailable);
    }
  };
}

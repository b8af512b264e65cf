import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AnnounceDeps } from './deps.js';
import { announceListBlocks } from './list.js';
import { announceComposeView } from './modal.js';
import { ANNOUNCE_ADMIN_ONLY, ANNOUNCE_FORM_FAILED, ANNOUNCE_HELP, ANNOUNCE_TEXT, ANNOUNCE_UNAVAILABLE } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * /announce        (admin) opens the announcement form
 * /announce list   (admin) scheduled announcements with 取り消す buttons, and recent ones
 * /announce help
 * Admin rights are checked here on the server, for every request.
 */
export function announceCommandHandler(deps: AnnounceDeps) {
  return async ({ command, ack, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    const word = (command.text ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    const reply = (text: string, blocks?: unknown[]) =>
      respond({ response_type: 'ephemeral', text, blocks: blocks as never }).catch((err: Error) => log.warn({ err: err.message }, 'announce: respond failed'));

    if (word === 'help' || word === 'ヘルプ') return void (await reply(ANNOUNCE_HELP));
    if (!deps.isAdmin(command.user_id)) {
      log.warn('announce refused: not an admin');
      return void (await reply(ANNOUNCE_ADMIN_ONLY));
    }
    if (word === 'list' || word === '一覧') {
      try {
        const list = await deps.announce.list();
        await reply(ANNOUNCE_TEXT.scheduledCount(list.scheduled.length), announceListBlocks(list));
      } catch (err) {
        log.warn({ err: errorMessage(err) }, 'announce list failed');
        await reply(ANNOUNCE_UNAVAILABLE);
      }
      return;
    }
    if (word !== '') return void (await reply(ANNOUNCE_HELP));
    try {
      await client.views.open({ trigger_id: command.trigger_id, view: announceComposeView({ channel: command.channel_id }) });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'could not open the announcement form');
      await reply(ANNOUNCE_FORM_FAILED);
    }
  };
}

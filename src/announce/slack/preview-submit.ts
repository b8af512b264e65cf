import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { AnnounceDeps } from './deps.js';
import { withDeadline } from '../../infra/deadline.js';
import { commitRefusal } from './texts.js';
import { announcementHeading, formatInstantJa } from './message.js';
import { noticeModal } from '../../slack/notice-modal.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { escapeForSlack } from '../../slack/safe-text.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * 送信／予約 on the preview: the draft becomes an announcement (once, however often the button is
 * pressed), the modal closes, and — for "now" — it goes out at once; a scheduled one waits in
 * Redis and the admin gets a DM saying when it will go out.
 */
export function announcePreviewSubmitHandler(deps: AnnounceDeps) {
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const user = body.user.id;
    let r;
    try {
      r = await withDeadline(deps.announce.commit(view.private_metadata, user), 2_000);
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'announce commit failed');
      await ack({
        response_action: 'update',
        view: noticeModal('送信できませんでした', '一時的にお知らせを保存できませんでした。「閉じる」で入力画面に戻り、しばらくしてからもう一度お試しください。'),
      });
      return;
    }
    if (!r.ok) {
      await ack({ response_action: 'update', view: noticeModal('送信できませんでした', `${commitRefusal(r)}\n「閉じる」で入力画面に戻れます。`) });
      return;
    }
    await ack({ response_action: 'clear' });
    const a = r.announcement;
    if (r.duplicate) return;
    if (!a.sendAt) {
      // Goes out now; the delivery report reaches the admin by DM when it is done.
      await deps.announce.runDue().catch((err: Error) => log.warn({ err: err.message }, 'announce immediate run failed'));
      return;
    }
    const where = a.channels.map((c) => `<#${c}>`).join(' ');
    await client.chat
      .postMessage({
        channel: user,
        text: `:calendar: お知らせ「${escapeForSlack(announcementHeading(a))}」を予約しました。${formatInstantJa(a.dueAt)}（日本時間）に ${where} へ送信します。取り消しは \`/announce list\` からできます。`,
        unfurl_links: false,
      })
      .catch((err: Error) => log.warn({ err: err.message }, 'announce: confirmation DM failed'));
  };
}

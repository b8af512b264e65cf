import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { AnnounceDeps } from './deps.js';
import { ANNOUNCE_TEXT, commitRefusal } from './texts.js';
import { announcementHeading, formatInstantJa } from './message.js';
import { noticeModal } from '../../slack/notice-modal.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { storeBeforeAck } from '../../slack/modal-submit.js';
import { NO_UNFURL } from '../../slack/safe-text.js';

/**
 * 送信／予約 on the preview: the draft becomes an announcement (once, however often the button is
 * pressed), the modal closes, and — for "now" — it goes out at once; a scheduled one waits in
 * Redis and the admin gets a DM saying when it will go out.
 */
export function announcePreviewSubmitHandler(deps: AnnounceDeps) {
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const user = body.user.id;
    const failed = { response_action: 'update' as const, view: noticeModal(ANNOUNCE_TEXT.notSentTitle, ANNOUNCE_TEXT.notSaved) };
    const r = await storeBeforeAck({ ack, log, work: deps.announce.commit(view.private_metadata, user), failed, what: 'announce commit' });
    if (!r) return;
    if (!r.ok) {
      await ack({ response_action: 'update', view: noticeModal(ANNOUNCE_TEXT.notSentTitle, ANNOUNCE_TEXT.notCommitted(commitRefusal(r))) });
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
        text: ANNOUNCE_TEXT.scheduled(announcementHeading(a), formatInstantJa(a.dueAt), where),
        ...NO_UNFURL,
      })
      .catch((err: Error) => log.warn({ err: err.message }, 'announce: confirmation DM failed'));
  };
}

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WorldcafeDeps } from './deps.js';
import { SESSION_ID } from '../keys.js';
import { readMetadata } from './modals.js';
import { refusalText, WC_TEXT } from './texts.js';
import { noticeModal } from '../../slack/notice-modal.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { tellPrivately } from '../../slack/private-reply.js';
import { plainOf } from './reply.js';
import { storeBeforeAck } from '../../slack/modal-submit.js';

/** The cancel form has no input block to hang errors on: problems replace it with a notice. */
const notice = (text: string) => noticeModal(WC_TEXT.cancelTitle, text);

/** 中止: cancels the session; everyone signed up (confirmed and waiting) is told by DM. */
export function worldcafeCancelViewHandler(deps: WorldcafeDeps) {
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const id = readMetadata(view.private_metadata).id;
    if (!id || !SESSION_ID.test(id)) return void (await ack({ response_action: 'update', view: notice(WC_TEXT.forged) }));
    const r = await storeBeforeAck({ ack, log, work: deps.sessions.cancelSession(id), failed: { response_action: 'update', view: notice(WC_TEXT.unavailable) }, what: 'worldcafe: cancel' });
    if (!r) return;
    if (r.outcome === 'refused') return void (await ack({ response_action: 'update', view: notice(refusalText(r.reason)) }));
    await ack();
    const told = r.notify.confirmed.length + r.notify.waiting.length;
    log.info({ session: id, told }, 'worldcafe session cancelled');
    deps.board.kick();
    deps.notifier.kick();
    const text = WC_TEXT.cancelled(r.session, told);
    await tellPrivately(client, { userId: body.user.id }, plainOf(text), undefined, log);
  };
}

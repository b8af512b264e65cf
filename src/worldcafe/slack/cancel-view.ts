import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { withDeadline } from '../../infra/deadline.js';
import type { WorldcafeDeps } from './deps.js';
import { SESSION_ID } from '../keys.js';
import type { CancelSessionResult } from '../types.js';
import { readMetadata } from './modals.js';
import { refusalText, WC_TEXT } from './texts.js';
import { noticeModal } from '../../slack/notice-modal.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { tellPrivately } from '../../slack/private-reply.js';
import { plainOf } from './reply.js';
import { errorMessage } from '../../infra/errors.js';

/** The cancel form has no input block to hang errors on: problems replace it with a notice. */
const notice = (text: string) => noticeModal(WC_TEXT.cancelTitle, text);

/** 中止: cancels the session; everyone signed up (confirmed and waiting) is told by DM. */
export function worldcafeCancelViewHandler(deps: WorldcafeDeps) {
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const id = readMetadata(view.private_metadata).id;
    if (!id || !SESSION_ID.test(id)) return void (await ack({ response_action: 'update', view: notice(WC_TEXT.forged) }));
    let r: CancelSessionResult;
    try {
      r = await withDeadline(deps.sessions.cancelSession(id), 1_500);
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe: cancel failed');
      return void (await ack({ response_action: 'update', view: notice(WC_TEXT.unavailable) }));
    }
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

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WorldcafeDeps } from './deps.js';
import { SESSION_ID } from '../keys.js';
import { validateScheduleForm } from '../schema.js';
import { readForm, readMetadata } from './modals.js';
import { refusalText, SAVE_FAILED, WC_TEXT } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { tellPrivately } from '../../slack/private-reply.js';
import { plainOf } from './reply.js';
import { storeBeforeAck, inlineError } from '../../slack/modal-submit.js';

/** 日時の変更: moves the session and its reminders; everyone signed up is told by DM. */
export function worldcafeRescheduleViewHandler(deps: WorldcafeDeps) {
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const id = readMetadata(view.private_metadata).id;
    const checked = validateScheduleForm(readForm(view.state?.values), deps.clock.now());
    if (!checked.ok) return void (await ack({ response_action: 'errors', errors: checked.errors as Record<string, string> }));
    if (!id || !SESSION_ID.test(id)) return void (await ack({ response_action: 'errors', errors: { date: WC_TEXT.forged } }));
    const r = await storeBeforeAck({ ack, log, work: deps.sessions.reschedule(id, checked.value), failed: inlineError('date', SAVE_FAILED), what: 'worldcafe: reschedule' });
    if (!r) return;
    if (r.outcome === 'refused') return void (await ack({ response_action: 'errors', errors: { date: refusalText(r.reason) } }));
    await ack();
    const told = r.notify.confirmed.length + r.notify.waiting.length;
    log.info({ session: id, told }, 'worldcafe session rescheduled');
    deps.board.kick();
    deps.notifier.kick();
    const text = WC_TEXT.rescheduled(r.session, told);
    await tellPrivately(client, { userId: body.user.id }, plainOf(text), undefined, log);
  };
}

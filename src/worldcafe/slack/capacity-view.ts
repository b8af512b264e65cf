import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WorldcafeDeps } from './deps.js';
import { SESSION_ID } from '../keys.js';
import { validateCapacity } from '../schema.js';
import { readForm, readMetadata } from './modals.js';
import { refusalText, SAVE_FAILED, WC_TEXT } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { tellPrivately } from '../../slack/private-reply.js';
import { plainOf } from './reply.js';
import { storeBeforeAck, inlineError } from '../../slack/modal-submit.js';

/** 定員の変更: raising promotes the waitlist in order (each promoted person gets a DM); lowering removes nobody. */
export function worldcafeCapacityViewHandler(deps: WorldcafeDeps) {
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const id = readMetadata(view.private_metadata).id;
    const cap = validateCapacity(readForm(view.state?.values).capacity);
    if (!cap.ok) return void (await ack({ response_action: 'errors', errors: cap.errors as Record<string, string> }));
    if (!id || !SESSION_ID.test(id)) return void (await ack({ response_action: 'errors', errors: { capacity: WC_TEXT.forged } }));
    const r = await storeBeforeAck({ ack, log, work: deps.sessions.setCapacity(id, cap.value), failed: inlineError('capacity', SAVE_FAILED), what: 'worldcafe: capacity change' });
    if (!r) return;
    if (r.outcome === 'refused') return void (await ack({ response_action: 'errors', errors: { capacity: refusalText(r.reason) } }));
    await ack();
    log.info({ session: id, capacity: r.capacity, promoted: r.promoted.length }, 'worldcafe capacity changed');
    deps.board.kick();
    if (r.promoted.length) deps.notifier.kick();
    const s = await deps.sessions.get(id).catch(() => undefined);
    const text = WC_TEXT.capacityChanged(s, r);
    await tellPrivately(client, { userId: body.user.id }, plainOf(text), undefined, log);
  };
}

import type { AllMiddlewareArgs, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WorldcafeDeps } from './deps.js';
import { phaseOf } from './format.js';
import { cancelModal, capacityModal, rescheduleModal } from './modals.js';
import { ADMIN_OPTIONS, type AdminOption } from './session-message.js';
import { refusalText, WC_TEXT } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { audienceOf, tellPrivately } from '../../slack/private-reply.js';
import { sessionIdFrom } from './action-context.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * The admin menu on a session (定員変更 / 日時変更 / 中止), an admin route (the router checks the
 * clicker on the server): opens the matching modal. The change itself happens on the modal's
 * submission, an admin route too.
 */
export function worldcafeAdminHandler(deps: WorldcafeDeps) {
  return async ({ ack, action, body, respond, client, context }: SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    const to = audienceOf(body, respond);
    const [what, rawId] = String(action.selected_option?.value ?? '').split(':');
    const id = sessionIdFrom(rawId);
    if (!id || !(what && what in ADMIN_OPTIONS)) {
      await tellPrivately(client, to, WC_TEXT.forged, undefined, log);
      return;
    }
    try {
      const s = await deps.sessions.view(id);
      if (!s) return void (await tellPrivately(client, to, refusalText('missing'), undefined, log));
      const phase = phaseOf(s, deps.clock.now().getTime());
      if (phase === 'cancelled' || phase === 'started') return void (await tellPrivately(client, to, refusalText(phase), undefined, log));
      const views: Record<AdminOption, ModalView> = { capacity: capacityModal(s), reschedule: rescheduleModal(s), cancel: cancelModal(s) };
      await client.views.open({ trigger_id: body.trigger_id, view: views[what as AdminOption] });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe: admin menu failed');
      await tellPrivately(client, to, WC_TEXT.unavailable, undefined, log);
    }
  };
}

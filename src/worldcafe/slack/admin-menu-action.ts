import type { AllMiddlewareArgs, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WorldcafeDeps } from './deps.js';
import { phaseOf } from './format.js';
import { cancelModal, capacityModal, rescheduleModal } from './modals.js';
import type { AdminOption } from './session-message.js';
import type { SessionView } from '../types.js';
import { refusalText, WC_TEXT } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { audienceOf, tellPrivately } from '../../slack/private-reply.js';
import { sessionIdFrom } from './action-context.js';
import { errorMessage } from '../../infra/errors.js';

/** The menu's options, looked up by own key only: "toString" or "__proto__" is no option. */
const MODALS = new Map<string, (s: SessionView) => ModalView>([
  ['capacity', capacityModal],
  ['reschedule', rescheduleModal],
  ['cancel', cancelModal],
] satisfies [AdminOption, (s: SessionView) => ModalView][]);

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
    const modal = MODALS.get(what ?? '');
    if (!id || !modal) {
      await tellPrivately(client, to, WC_TEXT.forged, undefined, log);
      return;
    }
    try {
      const s = await deps.sessions.view(id);
      if (!s) return void (await tellPrivately(client, to, refusalText('missing'), undefined, log));
      const phase = phaseOf(s, deps.clock.now().getTime());
      if (phase === 'cancelled' || phase === 'started') return void (await tellPrivately(client, to, refusalText(phase), undefined, log));
      await client.views.open({ trigger_id: body.trigger_id, view: modal(s) });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe: admin menu failed');
      await tellPrivately(client, to, WC_TEXT.unavailable, undefined, log);
    }
  };
}

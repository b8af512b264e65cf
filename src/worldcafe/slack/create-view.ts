import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WorldcafeDeps } from './deps.js';
import { validateSessionForm } from '../schema.js';
import { readForm, readMetadata } from './modals.js';
import { SAVE_FAILED, WC_TEXT } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { tellPrivately } from '../../slack/private-reply.js';
import { announceSession } from './post-session.js';
import { plainOf } from './reply.js';
import { isConversationId } from '../../infra/slack-ids.js';
import { storeBeforeAck, inlineError } from '../../slack/modal-submit.js';


/**
 * The create form's submission. An admin route (the router checks whoever posted it); validated on the
 * server with errors inline; stored BEFORE the ack so that a Redis failure keeps the modal and
 * its text open (the view id makes a re-submission idempotent). Then announced in EVENTS_CHANNEL
 * (or the channel the command was run in).
 */
export function worldcafeCreateViewHandler(deps: WorldcafeDeps) {
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const userId = body.user.id;
    const checked = validateSessionForm(readForm(view.state?.values), deps.clock.now());
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: checked.errors as Record<string, string> });
      return;
    }
    const work = deps.sessions.create(checked.value, userId, { requestKey: `view:${view.id}` });
    const session = await storeBeforeAck({ ack, log, work, failed: inlineError('theme', SAVE_FAILED), what: 'worldcafe: storing a new session' });
    if (!session) return;
    await ack();
    log.info({ session: session.id, capacity: session.capacity }, 'worldcafe session created');

    const origin = readMetadata(view.private_metadata).c;
    const from = isConversationId(origin) ? origin : undefined;
    const channel = deps.channel ?? from;
    const to = { userId, channel: from };
    if (!channel) {
      await tellPrivately(client, to, WC_TEXT.createdNowhere(session), undefined, log);
      return;
    }
    const posted = await announceSession(deps, client, session, channel);
    if (posted.ok) {
      deps.board.kick();
      await tellPrivately(client, to, plainOf(WC_TEXT.created(session, posted.channel)), undefined, log);
    } else {
      log.warn({ code: posted.code, session: session.id }, 'worldcafe: announcement failed');
      await tellPrivately(client, to, WC_TEXT.createdNotPosted(session, posted.code), undefined, log);
    }
  };
}

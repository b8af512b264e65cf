import type { BlockAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../infra/logger.js';
import { proposalNoticeView } from '../blocks/proposal-form.js';
import { sendDm } from '../dm.js';

/**
 * Tells the person who clicked a button something only they should see: in the channel
 * (ephemeral, through response_url or chat.postEphemeral), or — from App Home, where there is no
 * channel — in a small modal; as a last resort by DM.
 */
export async function replyToAction(
  a: { body: BlockAction; respond: RespondFn; client: WebClient },
  text: string,
  log: Logger,
  opts: { modal?: boolean } = {},
): Promise<void> {
  const { body, respond, client } = a;
  try {
    if (body.response_url) {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    } else if (body.channel?.id) {
      await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text });
    } else if (body.trigger_id && opts.modal !== false) {
      await client.views.open({ trigger_id: body.trigger_id, view: proposalNoticeView(text) });
    } else {
      await sendDm(client, body.user.id, { text });
    }
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not reply to the action');
  }
}

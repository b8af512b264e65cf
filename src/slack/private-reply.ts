import type { BlockAction, RespondFn } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../infra/logger.js';
import { errorMessage } from '../infra/errors.js';
import { isChannelId, isUserId } from '../infra/slack-ids.js';
import { NO_UNFURL } from './safe-text.js';

/** One person to tell something privately, and the ways Slack gave to reach them. */
export interface Audience {
  userId: string;
  /** The action's response_url, when Slack gave one. */
  responseUrl?: string;
  respond?: RespondFn;
  /** A channel the person is in (ephemeral fallback; only public or private channels, C… or G…). */
  channel?: string;
  /** The action's trigger_id (for the modal fallback). */
  triggerId?: string;
}

export interface PrivateReplyOptions {
  /**
   * Where there is no message to answer under (App Home, a modal): open this modal rather than
   * send a DM, when the action gave a trigger_id. Without it the fallback is a DM.
   */
  modal?: (text: string) => ModalView;
}

/** Who clicked, and where to answer them privately. */
export function audienceOf(body: BlockAction, respond?: RespondFn): Audience {
  return {
    userId: body.user.id,
    responseUrl: typeof body.response_url === 'string' && body.response_url ? body.response_url : undefined,
    respond,
    channel: body.channel?.id,
    triggerId: body.trigger_id,
  };
}

/**
 * Says something to one person privately, wherever they clicked, trying in order:
 * 1. a response_url (a message in a channel or DM, an ephemeral list) → an ephemeral reply there;
 * 2. a known channel (C… or G…) → chat.postEphemeral in it;
 * 3. with `opts.modal` and a trigger_id (App Home) → that modal;
 * 4. otherwise → a DM from the bot (posted to the user id: the app's Messages tab).
 * A failure is logged, never thrown.
 */
export async function tellPrivately(
  client: WebClient,
  to: Audience,
  text: string,
  blocks: KnownBlock[] | undefined,
  log: Logger,
  opts: PrivateReplyOptions = {},
): Promise<void> {
  // Private means to one person: without a real user id (a forged "CPROP"), the fallback DM
  // would be a post in a channel. Nobody to tell, then.
  if (!isUserId(to.userId)) {
    log.warn('no private reply: not a user id');
    return;
  }
  const payload = blocks ? { text, blocks } : { text };
  try {
    if (to.responseUrl && to.respond) {
      await to.respond({ response_type: 'ephemeral', replace_original: false, ...payload });
      return;
    }
    if (isChannelId(to.channel)) {
      await client.chat.postEphemeral({ channel: to.channel, user: to.userId, ...payload });
      return;
    }
    if (opts.modal && to.triggerId) {
      await client.views.open({ trigger_id: to.triggerId, view: opts.modal(text) });
      return;
    }
    await client.chat.postMessage({ channel: to.userId, ...payload, ...NO_UNFURL });
  } catch (err) {
    log.warn({ err: errorMessage(err) }, 'could not reply privately');
  }
}

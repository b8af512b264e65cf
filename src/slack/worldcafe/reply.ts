import type { RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../infra/logger.js';

/**
 * Says something to one person privately, wherever they clicked:
 * a message (channel or ephemeral list) → an ephemeral reply through response_url;
 * App Home or a modal → a DM from the bot (or an ephemeral message when a channel is known).
 */
export interface Audience {
  userId: string;
  /** The action's response_url, when Slack gave one. */
  responseUrl?: string;
  respond?: RespondFn;
  /** A channel the person is in (ephemeral fallback). */
  channel?: string;
}

export async function tellPrivately(client: WebClient, to: Audience, text: string, blocks: KnownBlock[] | undefined, log: Logger): Promise<void> {
  const payload = blocks ? { text, blocks } : { text };
  try {
    if (to.responseUrl && to.respond) {
      await to.respond({ response_type: 'ephemeral', replace_original: false, ...payload });
      return;
    }
    if (to.channel && /^[CG]/.test(to.channel)) {
      await client.chat.postEphemeral({ channel: to.channel, user: to.userId, ...payload });
      return;
    }
    await client.chat.postMessage({ channel: to.userId, ...payload });
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'worldcafe: could not reply privately');
  }
}

/** A plain reply as one section (mrkdwn) plus optional extra blocks. */
export function replyBlocks(text: string, extra: KnownBlock[] = []): KnownBlock[] {
  return [{ type: 'section', text: { type: 'mrkdwn', text } }, ...extra];
}

/** The notification text for a mrkdwn sentence. */
export function plainOf(mrkdwn: string): string {
  return mrkdwn.replace(/\*/g, '');
}

import type { KnownBlock } from '@slack/types';

/** A plain reply as one section (mrkdwn) plus optional extra blocks. */
export function replyBlocks(text: string, extra: KnownBlock[] = []): KnownBlock[] {
  return [{ type: 'section', text: { type: 'mrkdwn', text } }, ...extra];
}

/** The notification text for a mrkdwn sentence. */
export function plainOf(mrkdwn: string): string {
  return mrkdwn.replace(/\*/g, '');
}

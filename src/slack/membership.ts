import type { WebClient } from '@slack/web-api';

/**
 * Can the bot post in this channel? From conversations.info: a member, not a member (or the
 * channel is gone), archived, or unknown when Slack could not say (the post then tries anyway,
 * and its own error tells).
 */
export interface Membership {
  channel: string;
  /** The channel's name, when Slack gave it. */
  name?: string;
  state: 'member' | 'not_member' | 'archived' | 'unknown';
}

export async function channelMembership(client: WebClient, channel: string): Promise<Membership> {
  try {
    const c = (await client.conversations.info({ channel })).channel;
    if (c?.is_archived) return { channel, name: c.name, state: 'archived' };
    return { channel, name: c?.name, state: c?.is_member ? 'member' : 'not_member' };
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    return { channel, state: code === 'channel_not_found' || code === 'not_in_channel' ? 'not_member' : 'unknown' };
  }
}

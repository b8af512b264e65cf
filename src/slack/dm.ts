import type { WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import { NO_UNFURL } from './safe-text.js';

/**
 * Direct messages from the bot. Opens (or finds) the DM with conversations.open and posts there,
 * so the message lands in the bot's Messages tab. Returns the DM channel id.
 */
export async function openDm(client: WebClient, userId: string): Promise<string> {
  const res = await client.conversations.open({ users: userId });
  const id = res.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

export async function sendDm(client: WebClient, userId: string, msg: { text: string; blocks?: KnownBlock[] }): Promise<{ channel: string; ts?: string }> {
  const channel = await openDm(client, userId);
  const res = await client.chat.postMessage({ channel, text: msg.text, blocks: msg.blocks, ...NO_UNFURL });
  return { channel, ts: res.ts };
}

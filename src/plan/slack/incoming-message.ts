/**
 * Reading what a user sent to the bot: who sent it (the bot never answers itself or other bots)
 * and the question once the bot's own mention is taken out.
 */

import { slackTextToPlain } from '../../slack/incoming-text.js';
import type { ThreadQuestion } from './reply-answer.js';

export interface IncomingMessageLike {
  user?: string;
  bot_id?: string;
  subtype?: string;
  bot_profile?: unknown;
}

/** True for anything a bot wrote: this app, another app, a legacy integration. */
export function isFromBot(event: IncomingMessageLike, botUserId?: string, botId?: string): boolean {
  if (event.bot_id || event.bot_profile || event.subtype === 'bot_message') return true;
  if (!event.user) return true;
  if (botUserId && event.user === botUserId) return true;
  return botId !== undefined && event.bot_id === botId;
}

/**
 * The question: the text without mentions of the bot ("<@UBOT>" or "<@UBOT|name>"), as the person typed it
 * (Slack's markup and entities read back, incoming-text.ts).
 */
export function questionText(text: string | undefined, botUserId?: string): string {
  const t = text ?? '';
  return slackTextToPlain(botUserId ? t.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), ' ') : t);
}

/** A person's message (a mention or a DM), as the question to answer in its thread. */
export function threadQuestionOf(
  event: { channel: string; ts: string; thread_ts?: string; user: string; team?: string; text?: string },
  context: { botUserId?: string; teamId?: string },
): ThreadQuestion {
  return {
    channel: event.channel,
    threadTs: event.thread_ts ?? event.ts,
    userId: event.user,
    teamId: context.teamId ?? event.team,
    messageTs: event.ts,
    text: questionText(event.text, context.botUserId),
  };
}

import { cleanText } from '../infra/clean-text.js';

/**
 * The text-safety step for everything the bot posts that came from a person or the model
 * (proposals, sessions, announcements, answers, echoes of bad input):
 *
 * 1. cleanText (src/infra/clean-text.ts): no bidirectional overrides, no C0/C1 controls, no
 *    invisible characters outside emoji sequences; emoji sequences whole;
 * 2. for mrkdwn, &, < and > escaped as Slack asks, so the text can never form a link or a
 *    special token (<!channel>, <!here>, <!everyone>, <@U…>, <!subteam^…>, <https://…|…>);
 * 3. @channel, @here and @everyone written out get a zero-width space after the @, so they
 *    neither ping (mrkdwn) nor read as a broadcast (plain_text, where Slack never pings).
 */

export type TextSurface = 'mrkdwn' | 'plain_text';

export function safeText(text: string, surface: TextSurface): string {
  const clean = cleanText(text);
  const escaped = surface === 'mrkdwn' ? clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : clean;
  return escaped.replace(/@(channel|here|everyone)\b/gi, '@\u200B$1');
}

/** safeText for mrkdwn (section text, context, message text). */
export function escapeForSlack(text: string): string {
  return safeText(text, 'mrkdwn');
}

/** safeText for plain_text fields (headers, titles, options). */
export function softenPlainText(text: string): string {
  return safeText(text, 'plain_text');
}

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/** How much of a person's bad input a reply quotes back. */
export const QUOTE_CHARS = 40;

/**
 * A short, safe quote of what a person typed, for replies that say what could not be read:
 * one line, at most `max` characters (whole emoji sequences, never half of one), then "…".
 * A paste of 10,000 characters is never sent back whole.
 */
export function quoteInput(text: string, surface: TextSurface = 'mrkdwn', max = QUOTE_CHARS): string {
  const line = cleanText(text, { singleLine: true }).trim();
  const parts: string[] = [];
  for (const { segment } of graphemes.segment(line)) {
    if (parts.length === max) return `${safeText(parts.join(''), surface)}…`;
    parts.push(segment);
  }
  return safeText(line, surface);
}

/**
 * For every message the bot posts (chat.postMessage): links stay links, exactly as written, but
 * Slack shows no preview card under them. Ephemeral replies and updates are never unfurled.
 */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

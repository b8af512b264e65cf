/**
 * Makes text from users or the model safe to re-post in Slack mrkdwn: it can never ping
 * (<!channel>, <!here>, <!everyone>, <@U…>, <!subteam^…>, @channel/@here/@everyone) and never
 * forms a link or special token, because &, < and > are escaped as Slack asks.
 */
export function escapeForSlack(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u200B$1');
}

/** For plain_text fields: Slack never pings there, but "@here" still reads alarming; soften it. */
export function softenPlainText(text: string): string {
  return text.replace(/@(channel|here|everyone)\b/gi, '@\u200B$1');
}

/**
 * For every message the bot posts (chat.postMessage): links stay links, exactly as written, but
 * Slack shows no preview card under them. Ephemeral replies and updates are never unfurled.
 */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

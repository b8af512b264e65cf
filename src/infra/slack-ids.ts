/**
 * Slack's ids, as the bot checks them wherever they come in (the receiver's payload schemas,
 * config, forms, buttons, Redis keys, the private-reply fallback). Written once.
 *
 * Each is a type letter, then upper-case letters and digits. Slack has lengthened its ids before
 * and says they may grow again, so no pattern assumes today's length: at least two characters
 * after the letter, and a cap (64 in all) only so that a forged payload cannot pass a long
 * string off as an id.
 */

const id = (letters: string) => new RegExp(`^[${letters}][A-Z0-9]{2,63}$`);

/** A person: U… (or W… on Enterprise Grid). */
export const USER_ID = id('UW');
/** A channel people share: public C… or private G… (not a DM). */
export const CHANNEL_ID = id('CG');
/** Anything a message can be posted in: a channel, or a DM (D…). */
export const CONVERSATION_ID = id('CGD');
/** A bot (B…). */
export const BOT_ID = id('B');
/** A workspace (T…). */
export const TEAM_ID = id('T');
/** An Enterprise Grid organisation (E…). */
export const ENTERPRISE_ID = id('E');
/** A Slack app (A…). */
export const APP_ID = id('A');
/** A view: a modal or App Home (V…). */
export const VIEW_ID = id('V');
/** An Events API delivery (Ev…). */
export const EVENT_ID = /^Ev[A-Z0-9]{2,62}$/;
/** A message timestamp, which is also the message's id ("1700000000.000100"). */
export const MESSAGE_TS = /^\d{1,12}\.\d{1,9}$/;

const is = (pattern: RegExp) => (value: unknown): value is string => typeof value === 'string' && pattern.test(value);
export const isUserId = is(USER_ID);
export const isChannelId = is(CHANNEL_ID);
export const isConversationId = is(CONVERSATION_ID);
export const isBotId = is(BOT_ID);
export const isTeamId = is(TEAM_ID);
export const isAppId = is(APP_ID);

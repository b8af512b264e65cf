/**
 * Slack's ids, as the bot checks them wherever they come in (config, forms, buttons, Redis).
 * Written once: a user id, a channel people share, and anything a message can be posted in.
 */

/** A person: U… (or W… on Enterprise Grid). */
export const USER_ID = /^[UW][A-Z0-9]{2,20}$/;
/** A channel people share: public C… or private G… (not a DM). */
export const CHANNEL_ID = /^[CG][A-Z0-9]{2,20}$/;
/** Anything a message can be posted in: a channel, or a DM (D…). */
export const CONVERSATION_ID = /^[CGD][A-Z0-9]{2,20}$/;

export const isUserId = (id: unknown): id is string => typeof id === 'string' && USER_ID.test(id);
export const isChannelId = (id: unknown): id is string => typeof id === 'string' && CHANNEL_ID.test(id);
export const isConversationId = (id: unknown): id is string => typeof id === 'string' && CONVERSATION_ID.test(id);

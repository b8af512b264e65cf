import { z } from 'zod';
import { APP_ID, BOT_ID, CHANNEL_ID, CONVERSATION_ID, ENTERPRISE_ID, EVENT_ID, MESSAGE_TS, TEAM_ID, USER_ID, VIEW_ID } from '../infra/slack-ids.js';

/**
 * One zod schema per kind of Slack payload the bot handles, checked by the receiver before Bolt
 * sees the request (src/slack/payload-screen.ts). They hold what Bolt and the listeners read:
 * every id by its own pattern (src/infra/slack-ids.ts), every string with a length cap, every
 * object and array where one is expected. Fields nobody reads are let through unchecked (a
 * payload's depth and its longest string are capped for the whole body, see payload-screen.ts).
 *
 * Shapes only: whether a value makes sense (a date that exists, a title within its limit) is the
 * domain's question, answered to the person with an inline or polite error.
 */

/** Slack's own limit for a message; also the cap for text typed into a command or a form. */
export const TEXT_MAX = 40_000;
/** Slack's limit for action_id, block_id, callback_id and names. */
const NAME_MAX = 255;
/** Slack's limit for a button's value. */
const VALUE_MAX = 2_000;
/** Slack's limit for a view's private_metadata. */
const METADATA_MAX = 3_000;

const str = (max: number) => z.string().max(max);
const SLACK_IDS = { user: USER_ID, bot: BOT_ID, channel: CHANNEL_ID, conversation: CONVERSATION_ID, team: TEAM_ID, enterprise: ENTERPRISE_ID, app: APP_ID, view: VIEW_ID, event: EVENT_ID, ts: MESSAGE_TS };
const id = (kind: keyof typeof SLACK_IDS) => z.string().regex(SLACK_IDS[kind]);
const name = str(NAME_MAX);
const ts = id('ts');
/** Opaque to us ("13345224609.738474920.8088930838d88f008e0"); only its alphabet and length are known. */
const triggerId = z.string().regex(/^[A-Za-z0-9._-]{1,255}$/);
/** Pickers' values: short strings; whether they are a real date or time is the form's own check (inline). */
const date = str(32);
const time = str(32);

/** Says whether Slack could have given this response_url (see payload-screen.ts). */
export type ResponseUrlCheck = (url: string) => boolean;

export function payloadSchemas(responseUrlAllowed: ResponseUrlCheck) {
  const responseUrl = str(2_048).refine(responseUrlAllowed, { message: 'not a Slack response_url' });

  const user = z.object({ id: id('user'), username: name.optional(), name: name.optional(), team_id: id('team').optional() });
  /** null on an org-wide install; Bolt then reads user.team_id. */
  const team = z.object({ id: id('team'), domain: name.optional() }).nullable();
  const option = z.object({ value: str(VALUE_MAX) });

  /** One input's state in view.state.values[block_id][action_id]. */
  const elementState = z.object({
    type: str(64),
    value: str(TEXT_MAX).nullable().optional(),
    selected_option: option.nullable().optional(),
    selected_options: z.array(option).max(100).optional(),
    selected_date: date.nullable().optional(),
    selected_time: time.nullable().optional(),
    selected_date_time: z.number().int().nullable().optional(),
    selected_conversation: id('conversation').nullable().optional(),
    selected_conversations: z.array(id('conversation')).max(100).optional(),
    selected_channel: id('channel').nullable().optional(),
    selected_channels: z.array(id('channel')).max(100).optional(),
    selected_user: id('user').nullable().optional(),
    selected_users: z.array(id('user')).max(100).optional(),
  });
  const state = z.object({ values: z.record(name, z.record(name, elementState)) });

  const view = z.object({
    id: id('view'),
    type: z.enum(['modal', 'home']),
    callback_id: name.optional(),
    private_metadata: str(METADATA_MAX).optional(),
    hash: name.optional(),
    external_id: name.optional(),
    root_view_id: id('view').nullable().optional(),
    previous_view_id: id('view').nullable().optional(),
    team_id: id('team').optional(),
    app_id: id('app').optional(),
    app_installed_team_id: id('team').optional(),
    state: state.optional(),
  });

  const interaction = {
    team,
    user,
    api_app_id: id('app'),
    enterprise: z.object({ id: id('enterprise') }).nullable().optional(),
    is_enterprise_install: z.boolean().optional(),
    token: name.optional(),
  };

  const blockActions = z.object({
    ...interaction,
    type: z.literal('block_actions'),
    trigger_id: triggerId,
    response_url: responseUrl.optional(),
    container: z.object({ type: str(64) }).optional(),
    channel: z.object({ id: id('conversation'), name: name.optional() }).optional(),
    message: z.object({ ts, thread_ts: ts.optional(), text: str(TEXT_MAX).optional() }).optional(),
    view: view.optional(),
    state: state.optional(),
    actions: z
      .array(
        z.object({
          type: str(64),
          action_id: name,
          block_id: name,
          action_ts: str(64).optional(),
          value: str(VALUE_MAX).optional(),
          selected_option: option.nullable().optional(),
          selected_options: z.array(option).max(100).optional(),
        }),
      )
      .min(1)
      .max(5),
  });

  const viewSubmission = z.object({
    ...interaction,
    type: z.literal('view_submission'),
    trigger_id: triggerId,
    view: view.extend({ type: z.literal('modal'), callback_id: name, state }),
    response_urls: z.array(z.object({ block_id: name, action_id: name, channel_id: id('conversation'), response_url: responseUrl })).max(10).optional(),
  });

  const viewClosed = z.object({
    ...interaction,
    type: z.literal('view_closed'),
    view: view.extend({ type: z.literal('modal'), callback_id: name }),
    is_cleared: z.boolean().optional(),
  });

  const slashCommand = z.object({
    command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
    text: str(TEXT_MAX),
    user_id: id('user'),
    user_name: name.optional(),
    channel_id: id('conversation'),
    channel_name: name.optional(),
    team_id: id('team'),
    team_domain: name.optional(),
    enterprise_id: id('enterprise').optional(),
    enterprise_name: name.optional(),
    api_app_id: id('app'),
    trigger_id: triggerId,
    response_url: responseUrl,
    is_enterprise_install: z.enum(['true', 'false']).optional(),
    token: name.optional(),
  });

  /** A person's message, for app_mention and message (DMs and assistant threads). */
  const messageFields = {
    subtype: str(64).optional(),
    channel: id('conversation'),
    user: id('user').optional(),
    bot_id: id('bot').optional(),
    text: str(TEXT_MAX).optional(),
    ts,
    thread_ts: ts.optional(),
    team: id('team').optional(),
    event_ts: str(64).optional(),
  };
  const assistantThread = z.object({
    user_id: id('user'),
    channel_id: id('conversation'),
    thread_ts: ts,
    context: z.object({ channel_id: id('conversation').optional(), team_id: id('team').optional(), enterprise_id: id('enterprise').nullable().optional() }).optional(),
  });

  /** The event types the bot subscribes to (manifest.yml, settings.event_subscriptions). */
  const events = {
    app_mention: z.object({ type: z.literal('app_mention'), ...messageFields }),
    message: z.object({
      type: z.literal('message'),
      ...messageFields,
      channel_type: z.enum(['im', 'channel', 'group', 'mpim', 'app_home']).optional(),
      // Edits and deletions carry the message they changed; Bolt's assistant reads its thread_ts.
      message: z.object({ ts: ts.optional(), thread_ts: ts.optional() }).optional(),
      previous_message: z.object({ ts: ts.optional(), thread_ts: ts.optional() }).optional(),
    }),
    app_home_opened: z.object({ type: z.literal('app_home_opened'), user: id('user'), channel: id('conversation'), tab: z.enum(['home', 'messages']), event_ts: str(64).optional() }),
    assistant_thread_started: z.object({ type: z.literal('assistant_thread_started'), assistant_thread: assistantThread, event_ts: str(64).optional() }),
    assistant_thread_context_changed: z.object({ type: z.literal('assistant_thread_context_changed'), assistant_thread: assistantThread, event_ts: str(64).optional() }),
  } as const;

  const eventCallback = (event: z.ZodType) =>
    z.object({
      type: z.literal('event_callback'),
      team_id: id('team'),
      api_app_id: id('app'),
      event_id: id('event'),
      event_time: z.number().int().nonnegative(),
      authorizations: z
        .array(z.object({ team_id: id('team').nullable(), user_id: id('user'), enterprise_id: id('enterprise').nullable().optional(), is_bot: z.boolean().optional() }))
        .max(10)
        .optional(),
      is_ext_shared_channel: z.boolean().optional(),
      context_team_id: id('team').nullable().optional(),
      context_enterprise_id: id('enterprise').nullable().optional(),
      token: name.optional(),
      event,
    });

  return {
    /** Event callbacks by event type (an own-key lookup: see payload-screen.ts). */
    events: new Map<string, z.ZodType>(Object.entries(events).map(([type, schema]) => [type, eventCallback(schema)])),
    slashCommand,
    blockActions,
    viewSubmission,
    viewClosed,
  };
}

export type PayloadSchemas = ReturnType<typeof payloadSchemas>;

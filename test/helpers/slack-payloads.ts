import { randomUUID } from 'node:crypto';
import { BOT_USER_ID } from './slack-fake.js';
import { sign, TEAM_ID, type SignedRequest } from './slack-requests.js';

/**
 * One valid payload of every kind the receiver screens, shaped the way Slack sends them, for
 * tests that break them field by field (test/security/hostile-payloads.test.ts, the fuzz test).
 * Each is plain data: mutate a copy, then sign it with `signedAs`.
 */

export const APP_ID = 'A0MINATO';
export const STAFF = 'U0STAFF01';
export const CHANNEL = 'C0GENERAL';
export const DM = 'D0STAFF01';

export type Transport = 'events' | 'command' | 'interaction';

export interface BasePayload {
  kind: string;
  transport: Transport;
  payload: Record<string, any>;
}

const ts = () => `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
const eventId = () => `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;

function envelope(event: Record<string, unknown>): Record<string, any> {
  return {
    token: 'legacy',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    type: 'event_callback',
    event_id: eventId(),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true }],
    event,
  };
}

const interaction = (type: string, fields: Record<string, unknown>) => ({
  type,
  token: 'legacy',
  team: { id: TEAM_ID, domain: 'minato' },
  user: { id: STAFF, username: 'staff', team_id: TEAM_ID },
  api_app_id: APP_ID,
  ...fields,
});

/** Every kind, valid. `responseUrl` must be one the app accepts (the Slack fake's). */
export function basePayloads(responseUrl: string): BasePayload[] {
  const thread = ts();
  const modal = (callbackId: string, values: Record<string, unknown>) => ({
    id: 'V0FORM0001',
    type: 'modal',
    callback_id: callbackId,
    private_metadata: JSON.stringify({ mode: 'new', token: randomUUID() }),
    hash: '1700000000.abcdef',
    state: { values },
  });
  return [
    { kind: 'event:app_mention', transport: 'events', payload: envelope({ type: 'app_mention', user: STAFF, channel: CHANNEL, ts: ts(), text: `<@${BOT_USER_ID}> 元気アップ会議とは？`, event_ts: ts() }) },
    { kind: 'event:message', transport: 'events', payload: envelope({ type: 'message', channel_type: 'im', channel: DM, user: STAFF, ts: ts(), text: '３つの心構えとは？', event_ts: ts() }) },
    { kind: 'event:app_home_opened', transport: 'events', payload: envelope({ type: 'app_home_opened', user: STAFF, channel: DM, tab: 'home', event_ts: ts() }) },
    {
      kind: 'event:assistant_thread_started',
      transport: 'events',
      payload: envelope({ type: 'assistant_thread_started', assistant_thread: { user_id: STAFF, channel_id: DM, thread_ts: thread, context: { channel_id: CHANNEL, team_id: TEAM_ID } }, event_ts: ts() }),
    },
    {
      kind: 'event:assistant_thread_context_changed',
      transport: 'events',
      payload: envelope({ type: 'assistant_thread_context_changed', assistant_thread: { user_id: STAFF, channel_id: DM, thread_ts: thread, context: { channel_id: CHANNEL } }, event_ts: ts() }),
    },
    {
      kind: 'slash_command',
      transport: 'command',
      payload: {
        token: 'legacy',
        team_id: TEAM_ID,
        team_domain: 'minato',
        channel_id: CHANNEL,
        channel_name: 'general',
        user_id: STAFF,
        user_name: 'staff',
        command: '/plan',
        text: '元気アップ会議とは？',
        api_app_id: APP_ID,
        trigger_id: `${Date.now()}.1234.abcdef`,
        response_url: responseUrl,
      },
    },
    {
      kind: 'block_actions',
      transport: 'interaction',
      payload: interaction('block_actions', {
        trigger_id: `${Date.now()}.1234.abcdef`,
        response_url: responseUrl,
        container: { type: 'message', message_ts: '1700000000.000100', channel_id: CHANNEL, is_ephemeral: false },
        channel: { id: CHANNEL, name: 'general' },
        message: { ts: '1700000000.000100', type: 'message', text: '回答', blocks: [] },
        actions: [{ type: 'button', action_id: 'plan_feedback_up', block_id: 'fb', value: 'ans-unknown', action_ts: '1700000001.000200' }],
      }),
    },
    {
      kind: 'view_submission',
      transport: 'interaction',
      payload: interaction('view_submission', {
        trigger_id: `${Date.now()}.1234.abcdef`,
        view: modal('proposal_submit', {
          title: { value: { type: 'plain_text_input', value: '窓口の待ち時間を表示する' } },
          category: { value: { type: 'static_select', selected_option: { value: 'service', text: { type: 'plain_text', text: '区民サービスの向上' } } } },
          problem: { value: { type: 'plain_text_input', value: '待ち時間が分かりません。' } },
          body: { value: { type: 'plain_text_input', value: 'モニターに表示します。' } },
          effect: { value: { type: 'plain_text_input', value: '不安が減ります。' } },
          anonymous: { value: { type: 'checkboxes', selected_options: [] } },
        }),
      }),
    },
    { kind: 'view_closed', transport: 'interaction', payload: interaction('view_closed', { view: modal('proposal_submit', {}), is_cleared: false }) },
  ];
}

/**
 * Stands for an array nested `depth` deep in a payload: JSON.stringify would overflow the stack
 * on the real thing, so signedAs writes it into the JSON text.
 */
export function deeplyNested(depth: number): string {
  return `\u0000deep:${depth}`;
}

function toJson(payload: unknown): string {
  return JSON.stringify(payload).replace(/"\\u0000deep:(\d+)"/g, (_m, d: string) => `${'['.repeat(Number(d))}"x"${']'.repeat(Number(d))}`);
}

/** Signs a payload as Slack sends its kind: JSON for events, form fields for commands, a `payload` field for interactivity. */
export function signedAs(transport: Transport, payload: unknown): SignedRequest {
  if (transport === 'events') return sign(toJson(payload), 'application/json');
  const form = new URLSearchParams();
  if (transport === 'interaction') form.append('payload', toJson(payload));
  else for (const [k, v] of Object.entries(payload as Record<string, unknown>)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, String(one));
  return sign(form.toString(), 'application/x-www-form-urlencoded');
}

/** A copy of `payload` with the value at `path` replaced (`undefined` deletes it). */
export function withField(payload: Record<string, any>, path: (string | number)[], value: unknown): Record<string, any> {
  const copy = structuredClone(payload);
  let node: any = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key];
  }
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

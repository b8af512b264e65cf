import { createHmac, randomUUID } from 'node:crypto';

/**
 * Builders for real, signed Slack requests (Events API, slash commands, interactivity),
 * signed the way Slack signs them: v0=HMAC-SHA256(secret, `v0:${ts}:${body}`).
 */

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEAM_ID = 'T0MINATO';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function sign(body: string, contentType: string, opts: { secret?: string; timestamp?: number; retryNum?: number } = {}): SignedRequest {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = opts.secret ?? TEST_SIGNING_SECRET;
  const sig = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': sig,
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return { body, headers };
}

/** An Events API callback wrapping `event`. */
export function eventBody(event: Record<string, unknown>, opts: { eventId?: string } = {}): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: TEAM_ID,
    api_app_id: 'A0MINATO',
    type: 'event_callback',
    event_id: opts.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: 'UBOTMINATO', is_bot: true }],
    event,
  });
}

export function signedEvent(event: Record<string, unknown>, opts: { eventId?: string; retryNum?: number; secret?: string } = {}): SignedRequest {
  return sign(eventBody(event, opts), 'application/json', opts);
}

export interface SlashCommandFields {
  command: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  trigger_id?: string;
  response_url?: string;
}

export function signedCommand(fields: SlashCommandFields, opts: { secret?: string; timestamp?: number } = {}): SignedRequest {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: TEAM_ID,
    team_domain: 'minato',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0STAFF01',
    user_name: 'staff',
    text: '',
    api_app_id: 'A0MINATO',
    trigger_id: `trig.${randomUUID()}`,
    response_url: 'http://127.0.0.1:9/respond/none',
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  }).toString();
  return sign(body, 'application/x-www-form-urlencoded', opts);
}

/** An interactivity payload (block_actions, view_submission …), form-encoded as Slack sends it. */
export function signedInteraction(payload: Record<string, unknown>, opts: { secret?: string } = {}): SignedRequest {
  const body = new URLSearchParams({ payload: JSON.stringify({ team: { id: TEAM_ID, domain: 'minato' }, api_app_id: 'A0MINATO', token: 'legacy', ...payload }) }).toString();
  return sign(body, 'application/x-www-form-urlencoded', opts);
}

/** A block_actions payload for one button click. */
export function blockActionPayload(a: {
  userId: string;
  actionId: string;
  value?: string;
  blockId?: string;
  channelId?: string;
  messageTs?: string;
  triggerId?: string;
  responseUrl?: string;
  view?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: a.userId, username: 'staff', team_id: TEAM_ID },
    trigger_id: a.triggerId ?? `trig.${randomUUID()}`,
    response_url: a.responseUrl,
    container: a.messageTs ? { type: 'message', message_ts: a.messageTs, channel_id: a.channelId, is_ephemeral: false } : { type: 'view', view_id: 'V1' },
    channel: a.channelId ? { id: a.channelId, name: 'general' } : undefined,
    message: a.messageTs ? { ts: a.messageTs, type: 'message', text: '', blocks: [] } : undefined,
    view: a.view,
    actions: [{ type: 'button', action_id: a.actionId, block_id: a.blockId ?? 'b1', value: a.value, action_ts: String(Date.now() / 1000) }],
  };
}

/** A view_submission payload. `values` is block_id → action_id → element state. */
export function viewSubmissionPayload(a: {
  userId: string;
  callbackId: string;
  values: Record<string, Record<string, Record<string, unknown>>>;
  privateMetadata?: string;
  viewId?: string;
  hash?: string;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    user: { id: a.userId, username: 'staff', team_id: TEAM_ID },
    trigger_id: `trig.${randomUUID()}`,
    view: {
      id: a.viewId ?? 'V0FORM',
      type: 'modal',
      callback_id: a.callbackId,
      private_metadata: a.privateMetadata ?? '',
      hash: a.hash ?? 'h1',
      state: { values: a.values },
    },
  };
}

/** POSTs a signed request to the app and returns status and body. */
export async function post(url: string, req: SignedRequest): Promise<{ status: number; text: string; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: req.headers, body: req.body });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - t0 };
}

import { beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../helpers/log-capture.js';
import { useQaHarness } from '../helpers/qa-harness.js';
import { basePayloads, deeplyNested, signedAs, withField, type BasePayload, type Transport } from '../helpers/slack-payloads.js';
import { post, sign, type SignedRequest } from '../helpers/slack-requests.js';

/**
 * Correctly signed but hostile payloads, every kind, through the real app (HTTP receiver, Bolt,
 * listeners) on a real Redis. Each must get its HTTP status (200: Slack stops re-sending), make
 * no Slack call (no post, no response_url, no modal), write no Redis key and log nothing at
 * error level; a refused one logs exactly one warn line naming its kind and field.
 */

const logs = captureLogs('info');
const { redis, slack, app } = useQaHarness({ logger: logs.logger, extraEnv: { ADMIN_USER_IDS: 'U0ADMIN01', PROPOSALS_CHANNEL: 'C0PROPOSALS' } });

type Mutation = [path: (string | number)[], value: unknown];
interface Case {
  name: string;
  /** The base payload's kind (basePayloads) to break. */
  base: string;
  /** Field changes, applied in order; or a whole signed request. */
  change: Mutation[] | ((responseUrl: string) => SignedRequest);
  status?: number;
  /** The warn line's kind and field; undefined when the request is ignored at info level. */
  warn?: { kind: string; field: string | RegExp };
}

const OTHER_TEAM = 'T0OTHERWS';
const OTHER_APP = 'A0OTHERAPP';
const FOREIGN_URLS = ['http://10.0.0.5/admin', 'https://hooks.slack.com.evil.example/x', 'http://hooks.slack.com/commands/1', 'file:///etc/passwd', 'https://169.254.169.254/latest/meta-data/', 'not a url'];
const DEEP = deeplyNested(100_000);
const LONG = 'x'.repeat(40_001);

const ev = (kind: string, warnField: string | RegExp, change: Mutation[]): Case => ({ name: `${kind}: ${String(warnField)} ← ${describeChange(change)}`, base: kind, change, warn: { kind, field: warnField } });

function describeChange(change: Mutation[]): string {
  return change.map(([p, v]) => `${p.join('.')}=${v === undefined ? '(absent)' : v === DEEP ? '(100,000 deep)' : v === LONG ? '(40,001 chars)' : JSON.stringify(v)?.slice(0, 40)}`).join(', ');
}

const CASES: Case[] = [
  // Event callbacks: the envelope.
  ...['event:app_mention', 'event:message', 'event:app_home_opened', 'event:assistant_thread_started'].flatMap((kind): Case[] => [
    { name: `${kind}: for another workspace`, base: kind, change: [[['team_id'], OTHER_TEAM]], warn: { kind, field: 'team_id' } },
    { name: `${kind}: for another app`, base: kind, change: [[['api_app_id'], OTHER_APP]], warn: { kind, field: 'api_app_id' } },
    ev(kind, 'event_id', [[['event_id'], { id: 1 }]]),
    ev(kind, 'event_id', [[['event_id'], undefined]]),
    ev(kind, 'team_id', [[['team_id'], ['T0MINATO']]]),
  ]),
  { name: 'event: null', base: 'event:app_mention', change: [[['event'], null]], warn: { kind: 'event', field: 'event' } },
  { name: 'event: missing', base: 'event:app_mention', change: [[['event'], undefined]], warn: { kind: 'event', field: 'event' } },
  { name: 'event: type not a string', base: 'event:app_mention', change: [[['event', 'type'], { toString: 'app_mention' }]], warn: { kind: 'event', field: /^event/ } },
  // app_mention
  ev('event:app_mention', 'event.user', [[['event', 'user'], null]]),
  ev('event:app_mention', 'event.user', [[['event', 'user'], { id: 'U0STAFF01' }]]),
  ev('event:app_mention', 'event.user', [[['event', 'user'], 12345]]),
  ev('event:app_mention', 'event.channel', [[['event', 'channel'], { id: 'C0GENERAL' }]]),
  ev('event:app_mention', 'event.channel', [[['event', 'channel'], 'U0STAFF01']]),
  ev('event:app_mention', 'event.ts', [[['event', 'ts'], 1700000000.0001]]),
  ev('event:app_mention', 'event.text', [[['event', 'text'], ['元気', 'アップ']]]),
  ev('event:app_mention', 'event', [[['event', 'blocks'], DEEP]]),
  ev('event:app_mention', 'event', [[['event', 'text'], LONG]]),
  // message (DM) and the assistant's thread messages
  ev('event:message', 'event.user', [[['event', 'user'], null]]),
  ev('event:message', 'event.channel', [[['event', 'channel'], null]]),
  ev('event:message', 'event.thread_ts', [[['event', 'thread_ts'], null]]),
  ev('event:message', 'event.channel_type', [[['event', 'channel_type'], ['im']]]),
  ev('event:message', 'event.text', [[['event', 'text'], { q: '３つの心構え' }]]),
  ev('event:message', 'event.message', [[['event', 'subtype'], 'message_changed'], [['event', 'message'], 'x']]),
  // app_home_opened
  ev('event:app_home_opened', 'event.user', [[['event', 'user'], 'CPROP']]),
  ev('event:app_home_opened', 'event.user', [[['event', 'user'], undefined]]),
  ev('event:app_home_opened', 'event.tab', [[['event', 'tab'], { home: true }]]),
  // assistant events
  ev('event:assistant_thread_started', 'event.assistant_thread', [[['event', 'assistant_thread'], undefined]]),
  ev('event:assistant_thread_started', 'event.assistant_thread', [[['event', 'assistant_thread'], null]]),
  ev('event:assistant_thread_started', 'event.assistant_thread.channel_id', [[['event', 'assistant_thread', 'channel_id'], { id: 'D0STAFF01' }]]),
  ev('event:assistant_thread_started', 'event.assistant_thread.thread_ts', [[['event', 'assistant_thread', 'thread_ts'], undefined]]),
  ev('event:assistant_thread_context_changed', 'event.assistant_thread.user_id', [[['event', 'assistant_thread', 'user_id'], 'W']]),
  // Events the bot does not subscribe to: ignored, at info.
  { name: 'event: a type the bot does not subscribe to', base: 'event:app_mention', change: [[['event', 'type'], 'reaction_added']] },

  // Slash commands
  ev('slash_command', 'text', [[['text'], ['a', 'b']]]),
  ev('slash_command', 'command', [[['command'], ['/plan', '/plan']]]),
  ev('slash_command', 'command', [[['command'], '/PLAN; rm']]),
  ev('slash_command', 'response_url', [[['response_url'], undefined]]),
  ...FOREIGN_URLS.map((url) => ev('slash_command', 'response_url', [[['response_url'], url]])),
  ev('slash_command', 'user_id', [[['user_id'], 'CPROP']]),
  ev('slash_command', 'user_id', [[['user_id'], undefined]]),
  ev('slash_command', 'user_id', [[['user_id'], '[object Object]']]),
  ev('slash_command', 'channel_id', [[['channel_id'], '../../C0GENERAL']]),
  ev('slash_command', 'trigger_id', [[['trigger_id'], '<script>']]),
  ev('slash_command', 'text', [[['text'], LONG]]),
  { name: 'slash_command: for another workspace', base: 'slash_command', change: [[['team_id'], OTHER_TEAM]], warn: { kind: 'slash_command', field: 'team_id' } },
  { name: 'slash_command: for another app', base: 'slash_command', change: [[['api_app_id'], OTHER_APP]], warn: { kind: 'slash_command', field: 'api_app_id' } },

  // block_actions
  ev('block_actions', 'user', [[['user'], null]]),
  ev('block_actions', 'user.id', [[['user', 'id'], 'CPROP']]),
  ev('block_actions', 'user.id', [[['user', 'id'], { id: 'U0STAFF01' }]]),
  ev('block_actions', 'user.id', [[['user', 'id'], 42]]),
  ev('block_actions', 'actions', [[['actions'], null]]),
  ev('block_actions', 'actions', [[['actions'], []]]),
  ev('block_actions', 'actions.0.action_id', [[['actions', 0, 'action_id'], ['plan_feedback_up']]]),
  ev('block_actions', 'actions.0.value', [[['actions', 0, 'value'], { toString: 'x' }]]),
  ev('block_actions', 'actions.0.selected_option', [[['actions', 0, 'selected_option'], 'toString:S1']]),
  ev('block_actions', 'channel.id', [[['channel', 'id'], { id: 'C0GENERAL' }]]),
  ev('block_actions', 'trigger_id', [[['trigger_id'], null]]),
  ev('block_actions', 'view', [[['view'], null]]),
  ev('block_actions', 'message', [[['message', 'blocks'], DEEP]]),
  ...FOREIGN_URLS.map((url) => ev('block_actions', 'response_url', [[['response_url'], url]])),
  { name: 'block_actions: for another workspace', base: 'block_actions', change: [[['team', 'id'], OTHER_TEAM]], warn: { kind: 'block_actions', field: 'team_id' } },
  { name: 'block_actions: for another app', base: 'block_actions', change: [[['api_app_id'], OTHER_APP]], warn: { kind: 'block_actions', field: 'api_app_id' } },
  { name: 'block_actions: team null and the user of another workspace', base: 'block_actions', change: [[['team'], null], [['user', 'team_id'], OTHER_TEAM]], warn: { kind: 'block_actions', field: 'team_id' } },

  // view_submission
  ev('view_submission', 'view', [[['view'], null]]),
  ev('view_submission', 'view.state', [[['view', 'state'], null]]),
  ev('view_submission', 'view.state.values', [[['view', 'state', 'values'], null]]),
  ev('view_submission', 'view.callback_id', [[['view', 'callback_id'], { id: 'proposal_submit' }]]),
  ev('view_submission', 'view.private_metadata', [[['view', 'private_metadata'], 'm'.repeat(3_001)]]),
  ev('view_submission', 'view.id', [[['view', 'id'], '../V0FORM']]),
  ev('view_submission', 'user', [[['user'], null]]),
  ev('view_submission', 'user.id', [[['user', 'id'], 'CPROP']]),
  ev('view_submission', 'view.state.values.title.value.value', [[['view', 'state', 'values', 'title', 'value', 'value'], { text: '提案' }]]),
  ev('view_submission', 'view', [[['view', 'state', 'values', 'title', 'value', 'value'], DEEP]]),
  ev('view_submission', 'view.state.values.category.value.selected_option', [[['view', 'state', 'values', 'category', 'value', 'selected_option'], 'service']]),
  ev('view_submission', /^response_urls\.0\.response_url$/, [[['response_urls'], [{ block_id: 'b', action_id: 'a', channel_id: 'C0GENERAL', response_url: 'http://10.0.0.5/' }]]]),
  { name: 'view_submission: for another app', base: 'view_submission', change: [[['api_app_id'], OTHER_APP]], warn: { kind: 'view_submission', field: 'api_app_id' } },

  // view_closed: validated, then answered by the receiver (nothing listens for it).
  ev('view_closed', 'user', [[['user'], null]]),
  ev('view_closed', 'view', [[['view'], undefined]]),
  { name: 'view_closed: valid, and nothing listens for it', base: 'view_closed', change: [] },

  // Whole bodies
  { name: 'a payload field sent twice', base: 'block_actions', change: () => sign('payload=%7B%7D&payload=%7B%7D', 'application/x-www-form-urlencoded'), warn: { kind: 'interaction', field: 'payload' } },
  { name: 'a shortcut (no listener)', base: 'block_actions', change: () => signedAs('interaction', { type: 'shortcut', callback_id: 'x', trigger_id: '1.2.3', user: { id: 'U0STAFF01' }, team: { id: 'T0MINATO' } }) },
  { name: 'an options request (no listener)', base: 'block_actions', change: () => signedAs('interaction', { type: 'block_suggestion', action_id: 'x', value: 'a' }) },
  { name: 'an unknown type', base: 'block_actions', change: () => signedAs('interaction', { type: { $ne: 1 } }) },
  { name: 'an empty JSON object', base: 'event:app_mention', change: () => sign('{}', 'application/json') },
  { name: 'a JSON array', base: 'event:app_mention', change: () => sign('[1,2]', 'application/json'), status: 400 },
  { name: 'url_verification with an object for its challenge', base: 'event:app_mention', change: () => sign(JSON.stringify({ type: 'url_verification', challenge: { a: 1 } }), 'application/json'), warn: { kind: 'url_verification', field: 'challenge' } },
];

describe('security: hostile payloads, each kind, through the real receiver', () => {
  let bases: Map<string, BasePayload>;
  beforeAll(() => {
    bases = new Map(basePayloads(slack.responseUrl('hostile')).map((b) => [b.kind, b]));
  });

  async function redisState(): Promise<string> {
    // BullMQ's queues ({minato}:…) keep their own bookkeeping; everything else must stay as it is.
    const keys = (await redis.client.keys('*')).filter((k) => !k.startsWith('{minato}:')).sort();
    const parts = await Promise.all(keys.map(async (k) => `${k}=${((await redis.client.dumpBuffer(k)) ?? Buffer.alloc(0)).toString('hex')}`));
    return parts.join('\n');
  }

  it(`has at least one case per kind (${CASES.length} cases)`, () => {
    expect(new Set(CASES.map((c) => c.base))).toEqual(new Set(bases.keys()));
    expect(CASES.length).toBeGreaterThanOrEqual(80);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const base = bases.get(c.base)!;
    const request = typeof c.change === 'function' ? c.change(slack.responseUrl('hostile')) : signedAs(base.transport as Transport, c.change.reduce((p, [path, v]) => withField(p, path, v), base.payload));
    const before = await redisState();
    slack.reset();
    logs.clear();

    const res = await post(app.eventsUrl, request);
    expect(res.status).toBe(c.status ?? 200);
    // Anything the request set off would have started by now.
    await new Promise((r) => setTimeout(r, 60));

    expect(slack.calls.map((call) => call.method)).toEqual([]);
    expect(await redisState()).toBe(before);
    const lines = logs.lines;
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    const warns = lines.filter((l) => l.level === 40);
    if (c.warn) {
      expect(warns).toHaveLength(1);
      expect(warns[0]!.kind).toBe(c.warn.kind);
      expect(warns[0]!.field).toMatch(typeof c.warn.field === 'string' ? new RegExp(`^${c.warn.field.replace(/\./g, '\\.')}$`) : c.warn.field);
    } else if ((c.status ?? 200) === 200) {
      expect(warns).toEqual([]);
      expect(lines.some((l) => /ignored/.test(String(l.msg)))).toBe(true);
    }
  });

  it('the valid base payloads pass the screen (each is handled, not refused)', async () => {
    for (const base of bases.values()) {
      if (base.kind === 'view_closed') continue;
      logs.clear();
      const res = await post(app.eventsUrl, signedAs(base.transport, base.payload));
      expect(res.status, base.kind).toBe(200);
      expect(logs.lines.filter((l) => /refused|ignored/.test(String(l.msg))), base.kind).toEqual([]);
    }
  });
});

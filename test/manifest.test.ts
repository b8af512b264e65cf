import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { buildMinatoNavi } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/infra/logger.js';
import { useRedis } from './helpers/redis.js';
import { TEST_SIGNING_SECRET } from './helpers/slack-requests.js';

/**
 * Cross-checks manifest.yml against what the code really registers and calls:
 * - every slash command registered with app.command is declared, and every declared one is handled
 *   (commands are registered once, as a pattern over the names of the merged route table: see src/slack/router.ts);
 * - every event the code listens to is subscribed, and every subscription is handled;
 * - interactivity is on when there are actions, views or shortcuts; the assistant view is declared
 *   when an Assistant is registered; the home tab when app_home_opened is handled;
 * - the bot scopes cover every Web API method called in src/ (and nothing more: least privilege).
 * The registrations are recorded from the real composition root (src/app.ts), not from a list.
 */

interface Manifest {
  features?: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    assistant_view?: { assistant_description?: string; suggested_prompts?: unknown[] };
    slash_commands?: { command: string; url?: string; description?: string }[];
  };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled?: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
  };
}

/** Web API method → the bot scopes it needs (any one of a list suffices; [] = none). */
const METHOD_SCOPES: Record<string, string[][]> = {
  'auth.test': [],
  'bots.info': [['users:read']],
  'chat.postMessage': [['chat:write']],
  'chat.postEphemeral': [['chat:write']],
  'chat.update': [['chat:write']],
  'chat.delete': [['chat:write']],
  'chat.scheduleMessage': [['chat:write']],
  'chat.deleteScheduledMessage': [['chat:write']],
  'chat.scheduledMessages.list': [['chat:write']],
  'chat.startStream': [['chat:write']],
  'chat.appendStream': [['chat:write']],
  'chat.stopStream': [['chat:write']],
  'chat.getPermalink': [],
  'conversations.open': [['im:write']],
  'conversations.info': [['channels:read', 'groups:read', 'im:read', 'mpim:read']],
  'conversations.members': [['channels:read', 'groups:read', 'im:read', 'mpim:read']],
  'conversations.list': [['channels:read', 'groups:read', 'im:read', 'mpim:read']],
  'conversations.join': [['channels:join']],
  'conversations.replies': [['channels:history', 'groups:history', 'im:history', 'mpim:history']],
  'conversations.history': [['channels:history', 'groups:history', 'im:history', 'mpim:history']],
  'users.info': [['users:read']],
  'users.list': [['users:read']],
  'users.conversations': [['channels:read', 'groups:read', 'im:read', 'mpim:read']],
  'views.open': [],
  'views.push': [],
  'views.update': [],
  'views.publish': [],
  'files.uploadV2': [['files:write']],
  'files.getUploadURLExternal': [['files:write']],
  'files.completeUploadExternal': [['files:write']],
  'reactions.add': [['reactions:write']],
  'reactions.remove': [['reactions:write']],
  'pins.add': [['pins:write']],
  'assistant.threads.setStatus': [['assistant:write']],
  'assistant.threads.setTitle': [['assistant:write']],
  'assistant.threads.setSuggestedPrompts': [['assistant:write']],
  'team.info': [['team:read']],
};

/** Bot event → the scopes it needs. */
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ['app_mentions:read'],
  app_home_opened: [],
  assistant_thread_started: ['assistant:write'],
  assistant_thread_context_changed: ['assistant:write'],
  'message.im': ['im:history'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.mpim': ['mpim:history'],
  member_joined_channel: ['channels:read'],
  app_uninstalled: [],
  tokens_revoked: [],
};

/** Bolt helpers that call the Web API under the hood (listener args), with their scopes. */
const HELPER_SCOPES: [RegExp, string[]][] = [
  [/\bsay(?:Stream)?\(/, ['chat:write']],
  [/\.chatStream\(/, ['chat:write']],
  [/\bsetStatus\(/, ['assistant:write']],
  [/\bsetTitle\(/, ['assistant:write']],
  [/\bsetSuggestedPrompts\(/, ['assistant:write']],
];

const WEB_API_CALL =
  /\.(admin|apps|assistant\.threads|auth|bookmarks|canvases|chat(?:\.scheduledMessages)?|conversations|dnd|emoji|files|pins|reactions|reminders|search|team|usergroups|users|views|workflows)\.([a-zA-Z0-9]+)\(/g;
const API_CALL_BY_NAME = /\.apiCall\(\s*['"]([a-z.A-Z0-9]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every Web API method and Bolt helper the code in src/ calls, with the file it was seen in. */
function methodsCalled(): { methods: Map<string, string>; helpers: Map<string, string[]> } {
  const methods = new Map<string, string>();
  const helpers = new Map<string, string[]>();
  for (const file of sourceFiles('src')) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1');
    for (const m of code.matchAll(WEB_API_CALL)) methods.set(`${m[1]}.${m[2]}`, file);
    for (const m of code.matchAll(API_CALL_BY_NAME)) methods.set(m[1]!, file);
    if (file.includes(join('src', 'slack'))) {
      for (const [re, scopes] of HELPER_SCOPES) if (re.test(code)) helpers.set(`${re.source} in ${file}`, scopes);
    }
  }
  return { methods, helpers };
}

interface Registered {
  commands: (string | RegExp)[];
  events: (string | RegExp)[];
  messages: number;
  actions: number;
  views: number;
  shortcuts: number;
  options: number;
  assistants: number;
}

describe('manifest.yml matches the code', () => {
  const redis = useRedis();
  const manifest = parse(readFileSync('manifest.yml', 'utf8')) as Manifest;
  const reg: Registered = { commands: [], events: [], messages: 0, actions: 0, views: 0, shortcuts: 0, options: 0, assistants: 0 };
  let commandIds: string[] = [];

  beforeAll(async () => {
    const spies = [
      vi.spyOn(App.prototype, 'command').mockImplementation(function (this: App, name: unknown) {
        reg.commands.push(name as string | RegExp);
        return this;
      } as never),
      vi.spyOn(App.prototype, 'event').mockImplementation(function (this: App, name: unknown) {
        reg.events.push(name as string | RegExp);
        return this;
      } as never),
      vi.spyOn(App.prototype, 'message').mockImplementation(function (this: App) {
        reg.messages += 1;
        return this;
      } as never),
      vi.spyOn(App.prototype, 'action').mockImplementation(function (this: App) {
        reg.actions += 1;
        return this;
      } as never),
      vi.spyOn(App.prototype, 'view').mockImplementation(function (this: App) {
        reg.views += 1;
        return this;
      } as never),
      vi.spyOn(App.prototype, 'shortcut').mockImplementation(function (this: App) {
        reg.shortcuts += 1;
        return this;
      } as never),
      vi.spyOn(App.prototype, 'options').mockImplementation(function (this: App) {
        reg.options += 1;
        return this;
      } as never),
      vi.spyOn(App.prototype, 'assistant').mockImplementation(function (this: App) {
        reg.assistants += 1;
        return this;
      } as never),
    ];
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      REDIS_URL: redis.url,
      PROPOSALS_CHANNEL: 'C0PROPOSALS',
      EVENTS_CHANNEL: 'C0EVENTS',
      ADMIN_USER_IDS: 'U0ADMIN01',
    });
    const bot = await buildMinatoNavi(config, { logger: silentLogger, port: 0 });
    commandIds = Object.keys(bot.routes.commands ?? {});
    spies.forEach((s) => s.mockRestore());
    await bot.stop();
  });
  afterAll(() => vi.restoreAllMocks());

  const declaredCommands = () => (manifest.features?.slash_commands ?? []).map((c) => c.command);
  const declaredEvents = () => manifest.settings?.event_subscriptions?.bot_events ?? [];
  const scopes = () => new Set(manifest.oauth_config?.scopes?.bot ?? []);
  const handlesMessages = () => reg.messages > 0 || reg.events.includes('message') || reg.assistants > 0;
  /** Does what the code registered with app.command take this command? */
  const takes = (name: string) => reg.commands.some((c) => (typeof c === 'string' ? c === name : c.test(name)));
  const registeredCommands = () => commandIds.filter(takes);

  it('the code registers listeners through the composition root', () => {
    expect(reg.commands.length + reg.events.length + reg.messages + reg.assistants).toBeGreaterThan(0);
  });

  it('registers every slash command of the contract (/plan, /proposal, /worldcafe, /morning, /announce)', () => {
    expect(registeredCommands()).toEqual(expect.arrayContaining(['/plan', '/proposal', '/worldcafe', '/morning', '/announce']));
    expect(registeredCommands(), 'every command of the route table is registered').toEqual(commandIds);
  });

  it('declares exactly the slash commands the code registers, and registers nothing beyond its table', () => {
    expect([...declaredCommands()].sort()).toEqual([...registeredCommands()].sort());
    for (const other of ['/plan2', '/pla', 'plan', '/unknown', '/PLAN']) expect(takes(other), `${other} must not be taken`).toBe(false);
  });

  it('subscribes to every event the code listens to, and handles every subscription', () => {
    const events = declaredEvents();
    for (const e of reg.events) {
      expect(typeof e, 'events must be registered by name').toBe('string');
      if (e === 'message') continue;
      expect(events, `app.event('${String(e)}') needs bot_events: ${String(e)}`).toContain(e);
    }
    if (handlesMessages()) expect(events.some((e) => e.startsWith('message.')), 'message listeners need a message.* event').toBe(true);
    for (const e of events) {
      if (e.startsWith('message.')) expect(handlesMessages(), `${e} is subscribed but no message listener exists`).toBe(true);
      else if (e.startsWith('assistant_thread_')) expect(reg.assistants > 0 || reg.events.includes(e), `${e} is not handled`).toBe(true);
      else expect(reg.events, `${e} is subscribed but not handled`).toContain(e);
    }
  });

  it('turns on interactivity, the assistant view and the home tab as the code needs', () => {
    if (reg.actions + reg.views + reg.shortcuts + reg.options > 0) {
      expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    }
    if (reg.assistants > 0) {
      expect(manifest.features?.assistant_view?.assistant_description).toBeTruthy();
      expect(declaredEvents()).toEqual(expect.arrayContaining(['assistant_thread_started', 'assistant_thread_context_changed', 'message.im']));
    }
    if (reg.events.includes('app_home_opened')) expect(manifest.features?.app_home?.home_tab_enabled).toBe(true);
  });

  it('sends every request to the one endpoint the HTTP receiver serves', () => {
    const urls = [
      manifest.settings?.event_subscriptions?.request_url,
      manifest.settings?.interactivity?.request_url,
      ...(manifest.features?.slash_commands ?? []).map((c) => c.url),
    ].filter((u): u is string => Boolean(u));
    for (const u of urls) expect(new URL(u).pathname).toBe('/slack/events');
  });

  it('has a bot scope for every Web API method the code calls, and no scope nothing needs', () => {
    const have = scopes();
    const { methods, helpers } = methodsCalled();
    const needed = new Set<string>();
    const unknown: string[] = [];
    for (const [method, file] of methods) {
      const req = METHOD_SCOPES[method];
      if (!req) {
        unknown.push(`${method} (${file})`);
        continue;
      }
      for (const anyOf of req) {
        expect(anyOf.some((s) => have.has(s)), `${method} in ${file} needs one of ${anyOf.join(' / ')}`).toBe(true);
        anyOf.filter((s) => have.has(s)).forEach((s) => needed.add(s));
      }
    }
    expect(unknown, 'add these Web API methods to METHOD_SCOPES in test/manifest.test.ts').toEqual([]);
    for (const [where, req] of helpers) {
      for (const s of req) {
        expect(have.has(s), `${where} needs ${s}`).toBe(true);
        needed.add(s);
      }
    }
    if (declaredCommands().length > 0) {
      expect(have.has('commands')).toBe(true);
      needed.add('commands');
    }
    for (const e of declaredEvents()) {
      const req = EVENT_SCOPES[e];
      expect(req, `add ${e} to EVENT_SCOPES in test/manifest.test.ts`).toBeDefined();
      for (const s of req ?? []) {
        expect(have.has(s), `event ${e} needs ${s}`).toBe(true);
        needed.add(s);
      }
    }
    // The Messages tab (DMs with the bot) needs im:read besides im:history.
    if (manifest.features?.app_home?.messages_tab_enabled && have.has('im:read')) needed.add('im:read');
    expect([...have].filter((s) => !needed.has(s)), 'scopes declared but not needed by any call, event or command').toEqual([]);
  });
});

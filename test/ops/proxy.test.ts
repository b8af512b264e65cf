import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/infra/redis-server.js';
import { ConnectProxy } from '../helpers/connect-proxy.js';
import { leftAfter, npmStart, stopBot, type BotProcess } from '../helpers/bot-process.js';
import { planReply, startOpenAIFake, type OpenAIFake } from '../helpers/openai-fake.js';
import { BOT_USER_ID, startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { startSocketModeFake, type SocketModeFake } from '../helpers/socket-mode-fake.js';
import { makeTestTls } from '../helpers/tls.js';

/**
 * The office network: the bot reaches the internet only through an HTTP proxy that tunnels
 * (CONNECT). Only HTTPS_PROXY is set, as on most ward-office machines. Slack's Web API, Socket
 * Mode's WebSocket and the model are HTTPS fakes on loopback (a test certificate the bot trusts
 * through NODE_EXTRA_CA_CERTS, as an office with its own CA would set it); the proxy records every
 * tunnel. A host listed in NO_PROXY is reached directly.
 */
describe('operations: HTTPS_PROXY / NO_PROXY for the Web API, the WebSocket and the model', () => {
  const root = mkdtempSync(join(tmpdir(), 'minato-proxy-'));
  const tls = makeTestTls();
  let proxy: ConnectProxy;
  let slack: SlackFake;
  let socket: SocketModeFake;
  let ai: OpenAIFake;
  let bot: BotProcess;
  let port: number;
  const hostOf = (url: string) => new URL(url).host;

  beforeAll(async () => {
    proxy = await new ConnectProxy().start();
    slack = await startSlackFake(tls);
    socket = await startSocketModeFake(slack, tls);
    ai = await startOpenAIFake(tls);
    port = await freePort();
    ai.handle(() => ({ content: planReply({ citations: [{ section: '4(2)②', quote: '元気アップ会議' }], found: true, answer: '元気アップ会議は、職場の課題を話し合う場です。' }) }));
    bot = npmStart({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-1-test',
      SLACK_API_URL: slack.apiUrl,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: ai.baseUrl,
      HTTPS_PROXY: proxy.url,
      NO_PROXY: 'localhost',
      NODE_EXTRA_CA_CERTS: tls.certFile,
      PORT: String(port),
      DATA_DIR: join(root, 'data'),
    });
    await bot.waitForLog('minato-navi started');
  });
  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.kill('SIGKILL');
    await socket?.stop();
    await slack?.stop();
    await ai?.stop();
    await proxy?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('the Web API (auth.test, apps.connections.open) goes through the proxy', () => {
    expect(slack.callsTo('auth.test').length).toBeGreaterThanOrEqual(1);
    expect(socket.opens.length).toBeGreaterThanOrEqual(1);
    expect(proxy.count(hostOf(slack.apiUrl))).toBeGreaterThanOrEqual(1);
  });

  it("Socket Mode's WebSocket goes through the proxy", () => {
    expect(socket.connections.length).toBe(1);
    expect(proxy.count(hostOf(socket.wsUrl))).toBe(1);
  });

  it('in Socket Mode too, /healthz answers on PORT (for the container HEALTHCHECK)', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('a mention over the socket: the model and the reply both go through the proxy', async () => {
    const before = proxy.tunnels.length;
    const id = socket.send('events_api', {
      token: 'legacy',
      team_id: 'T0MINATO',
      api_app_id: 'A0MINATO',
      type: 'event_callback',
      event_id: 'EvPROXY0001',
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0MINATO', user_id: BOT_USER_ID, is_bot: true }],
      event: { type: 'app_mention', user: 'U0STAFF01', channel: 'C0PROXY', ts: '1700000100.000100', text: `<@${BOT_USER_ID}> 元気アップ会議とは？` },
    });
    await socket.waitForAck(id);
    await ai.waitForRequests(1);
    await expect
      .poll(() => slack.calls.filter((c) => ['chat.postMessage', 'chat.startStream', 'chat.appendStream', 'chat.stopStream', 'chat.update'].includes(c.method) && JSON.stringify(c.args).includes('元気アップ会議')).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    expect(proxy.count(hostOf(ai.baseUrl))).toBeGreaterThanOrEqual(1);
    expect(proxy.tunnels.length).toBeGreaterThan(before);
  });

  it('a response_url off Slack\'s origin (here a NO_PROXY host) is never followed, directly or through the proxy', async () => {
    // response_url is followed only to Slack's own origin (docs/security.md): here SLACK_API_URL's, 127.0.0.1, not localhost.
    const direct = slack.responseUrl('direct').replace('127.0.0.1', 'localhost');
    const id = socket.send('slash_commands', {
      token: 'legacy',
      team_id: 'T0MINATO',
      api_app_id: 'A0MINATO',
      command: '/plan',
      text: '元気アップ会議とは？',
      user_id: 'U0STAFF01',
      user_name: 'staff',
      channel_id: 'C0PROXY',
      channel_name: 'proxy',
      trigger_id: 'trig.proxy',
      response_url: direct,
    });
    await socket.waitForAck(id);
    await expect.poll(() => bot.logs().some((l) => l.msg === 'slack request refused: malformed payload' && l.field === 'response_url'), { timeout: 10_000 }).toBe(true);
    expect(slack.calls.filter((c) => c.path === '/respond/direct')).toEqual([]);
    expect(proxy.tunnels.filter((t) => t.startsWith('localhost:'))).toEqual([]);
    expect(proxy.refused).toEqual([]);
  });

  it('stops cleanly', async () => {
    expect(bot.output()).not.toMatch(/fetch failed/);
    expect((await stopBot(bot)).code).toBe(0);
    expect([...(await leftAfter(bot, 10_000)).values()]).toEqual([]);
  });
});

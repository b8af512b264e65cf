import { App, SocketModeReceiver } from '@slack/bolt';
import { SlackHttpReceiver } from '../../src/slack/http-receiver.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMinatoNavi, type MinatoNavi } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/infra/logger.js';
import { useRedis } from '../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';
import { startSocketModeFake, type SocketModeFake } from '../helpers/socket-mode-fake.js';

const receiverOf = (app: App): unknown => (app as unknown as { receiver: unknown }).receiver;

const homeOpened = (user: string) => ({
  token: 'legacy',
  team_id: 'T0MINATO',
  api_app_id: 'A0MINATO',
  type: 'event_callback',
  event_id: `EvSOCK${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
  event_time: Math.floor(Date.now() / 1000),
  authorizations: [{ team_id: 'T0MINATO', user_id: 'UBOTMINATO', is_bot: true }],
  event: { type: 'app_home_opened', user, channel: 'D0DM', tab: 'home' },
});

describe('transport: Socket Mode when SLACK_APP_TOKEN is set, HTTP otherwise', () => {
  const redis = useRedis();

  it('chooses HTTP (the bot\'s own SlackHttpReceiver) without an app token, without touching the network', async () => {
    const bot = await buildMinatoNavi(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: 'http://127.0.0.1:9/api/', REDIS_URL: redis.url }),
      { logger: silentLogger, port: 0 },
    );
    expect(receiverOf(bot.app)).toBeInstanceOf(SlackHttpReceiver);
    await bot.stop();
  });

  it('chooses Socket Mode (SocketModeReceiver, auto-reconnect on) with an app token', async () => {
    const bot = await buildMinatoNavi(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_APP_TOKEN: 'xapp-1-test', SLACK_API_URL: 'http://127.0.0.1:9/api/', REDIS_URL: redis.url }),
      { logger: silentLogger, port: 0 },
    );
    const receiver = receiverOf(bot.app);
    expect(receiver).toBeInstanceOf(SocketModeReceiver);
    // Private in the typings; read it to be sure nobody turned reconnecting off.
    expect((receiver as SocketModeReceiver).client as unknown as { autoReconnectEnabled: boolean }).toMatchObject({ autoReconnectEnabled: true });
    await bot.stop();
  });
});

describe('Socket Mode against a loopback fake of Slack', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let socket: SocketModeFake;
  let bot: MinatoNavi;
  const seen: string[] = [];

  beforeAll(async () => {
    slack = await startSlackFake();
    socket = await startSocketModeFake(slack);
    bot = await buildMinatoNavi(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_APP_TOKEN: 'xapp-1-test', SLACK_API_URL: slack.apiUrl, REDIS_URL: redis.url }),
      // /healthz listens on PORT in Socket Mode too: a free one.
      { logger: silentLogger, port: 0 },
    );
    bot.app.event('app_home_opened', async ({ event }) => {
      seen.push(event.user);
    });
    await bot.start();
  });
  afterAll(async () => {
    await bot?.stop();
    await socket?.stop();
    await slack?.stop();
  });

  it('connects with the app token and acks what Slack sends over the socket', async () => {
    expect(socket.opens).toEqual(['Bearer xapp-1-test']);
    const id = socket.send('events_api', homeOpened('U0SOCK01'));
    await socket.waitForAck(id);
    await expect.poll(() => seen).toContain('U0SOCK01');
  });

  it('screens every payload as the HTTP receiver does: malformed or foreign ones are acked and go no further', async () => {
    const hostile = [
      { ...homeOpened('U0SOCK03'), event: { type: 'app_home_opened', user: null, channel: 'D0DM', tab: 'home' } },
      { ...homeOpened('U0SOCK04'), event: { type: 'app_home_opened', user: 'CPROP', channel: 'D0DM', tab: 'home' } },
      { ...homeOpened('U0SOCK05'), team_id: 'T0OTHERWS' },
      { ...homeOpened('U0SOCK06'), api_app_id: 'A0OTHERAPP' },
    ];
    for (const payload of hostile) await socket.waitForAck(socket.send('events_api', payload));
    const command = socket.send('slash_commands', { command: '/plan', text: ['a', 'b'], user_id: 'U0SOCK07', channel_id: 'C0GENERAL', team_id: 'T0MINATO', api_app_id: 'A0MINATO', trigger_id: '1.2.3', response_url: slack.responseUrl('sock') });
    await socket.waitForAck(command);
    // A valid one after them is handled: the hostile ones were dropped, not queued.
    await socket.waitForAck(socket.send('events_api', homeOpened('U0SOCK08')));
    await expect.poll(() => seen).toContain('U0SOCK08');
    expect(seen.filter((u) => u === null || /^U0SOCK0[3-7]$/.test(u) || u === 'CPROP')).toEqual([]);
    expect(slack.callsTo('response_url')).toHaveLength(0);
  });

  it('reconnects by itself when the connection drops, and keeps handling requests', async () => {
    const before = socket.connections.length;
    socket.drop();
    await expect.poll(() => socket.connections.filter((c) => !c.destroyed).length, { timeout: 20_000, interval: 100 }).toBe(1);
    expect(socket.connections.length).toBe(before + 1);
    expect(socket.opens.length).toBe(2);
    // The client only counts as connected after Slack's hello; give it that turn.
    await new Promise((r) => setTimeout(r, 100));
    const id = socket.send('events_api', homeOpened('U0SOCK02'));
    await socket.waitForAck(id);
    await expect.poll(() => seen).toContain('U0SOCK02');
  });
});
